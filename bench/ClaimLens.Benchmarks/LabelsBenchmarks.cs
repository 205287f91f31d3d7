using BenchmarkDotNet.Attributes;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Metadata;
using ClaimLens.Forensics.Provenance;
using OpenCvSharp;

namespace ClaimLens.Benchmarks;

/// <summary>The "labels and metadata alone ≤ 5 ms per file": EXIF/XMP/PNG labels, capture facts and
/// C2PA, over every real photo and C2PA file in ../shared/data (one operation = one file, averaged over all).
/// Decoding is not included; the thumbnail check gets the already-decoded working image, as in the engine.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class LabelsBenchmarks
{
    private readonly List<(byte[] Bytes, ImageFormat Format, Mat Gray)> _files = [];

    [GlobalSetup]
    public void Setup()
    {
        var photos = BenchInputs.SharedPhotos() ?? throw new InvalidOperationException("LabelsBenchmarks needs ../shared/data");
        var c2pa = Path.Combine(Path.GetDirectoryName(photos)!, "c2pa");
        foreach (var path in Directory.GetFiles(photos).Concat(Directory.GetFiles(c2pa)).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            using var image = ImageLoader.Load(bytes);
            _files.Add((bytes, image.Format, image.ToGray()));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _files.ForEach(f => f.Gray.Dispose());

    [Benchmark(OperationsPerInvoke = 48)]
    public int MetadataAndC2paPerFile()
    {
        var findings = 0;
        for (var i = 0; i < 48; i++)
        {
            var (bytes, format, gray) = _files[i % _files.Count];
            findings += MetadataInspector.Inspect(bytes, format, new MetadataContext(null, gray)).Findings.Count;
            findings += C2paInspector.Inspect(bytes, format).Findings.Count;
        }
        return findings;
    }
}
