using BenchmarkDotNet.Attributes;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Benchmarks.Derivation;

/// <summary>One claim (an edited, rotated, re-compressed copy of a ~1000 px listing photo) against three
/// prepared references, as the engine runs it. Budget: 60 ms on one core.</summary>
[MemoryDiagnoser]
public class DerivationBenchmarks
{
    private readonly List<ReferenceImage> _references = [];
    private DecodedImage? _derived;
    private DecodedImage? _unrelated;
    private JpegInfo? _derivedJpeg;
    private JpegInfo? _unrelatedJpeg;

    [GlobalSetup]
    public void Setup()
    {
        for (var seed = 1; seed <= 3; seed++)
        {
            using var scene = Scene(seed);
            _references.Add(ReferenceImage.Load(scene.ImEncode(".jpg"), $"ref-{seed}.jpg"));
        }
        using var source = Scene(2);
        Cv2.Circle(source, new Point(400, 300), 60, new Scalar(30, 60, 90), -1);
        using var rotation = Cv2.GetRotationMatrix2D(new Point2f(500, 375), 8, 0.8);
        using var rotated = new Mat();
        Cv2.WarpAffine(source, rotated, rotation, source.Size());
        var bytes = rotated.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, 80));
        _derived = ImageLoader.Load(bytes);
        _derivedJpeg = JpegInfo.Read(bytes);
        using var other = Scene(9);
        var otherBytes = other.ImEncode(".jpg");
        _unrelated = ImageLoader.Load(otherBytes);
        _unrelatedJpeg = JpegInfo.Read(otherBytes);
    }

    [Benchmark]
    public double DerivedClaim()
    {
        using var report = DerivationInspector.Inspect(_derived!, _references, _derivedJpeg);
        return report.ChangedFraction;
    }

    [Benchmark]
    public double UnrelatedClaim()
    {
        using var report = DerivationInspector.Inspect(_unrelated!, _references, _unrelatedJpeg);
        return report.ChangedFraction;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var r in _references)
            r.Dispose();
        _derived?.Dispose();
        _unrelated?.Dispose();
    }

    private static Mat Scene(int seed)
    {
        var rng = new Random(seed);
        var img = new Mat(750, 1000, MatType.CV_8UC3, new Scalar(rng.Next(60, 200), rng.Next(60, 200), rng.Next(60, 200)));
        for (var i = 0; i < 60; i++)
        {
            var colour = new Scalar(rng.Next(256), rng.Next(256), rng.Next(256));
            var p = new Point(rng.Next(1000), rng.Next(750));
            if (i % 2 == 0)
                Cv2.Rectangle(img, new Rect(p.X, p.Y, rng.Next(20, 200), rng.Next(20, 160)), colour, -1);
            else
                Cv2.PutText(img, $"SKU-{rng.Next(10000)}", p, HersheyFonts.HersheyDuplex, 1.2, colour, 2, LineTypes.AntiAlias);
        }
        using var grain = new Mat(img.Size(), MatType.CV_8UC3);
        Cv2.Randn(grain, Scalar.All(128), Scalar.All(18));
        Cv2.AddWeighted(img, 1, grain, 0.5, -64, img);
        return img;
    }
}
