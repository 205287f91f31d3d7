using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using ClaimLens.Forensics;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Evidence.Renditions;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace ClaimLens.Benchmarks.Desk;

/// <summary>Display sizes of a 12-megapixel JPEG claim photo (4288 x 2848): made the first time (decode, resize,
/// encode, atomic write), then served from the cache; against decoding at full size as a page without
/// renditions would. One core, OpenCV single-threaded.</summary>
[Config(typeof(ShortOneCore))]
[MemoryDiagnoser]
public class RenditionBenchmarks
{
    private readonly string _root = Directory.CreateTempSubdirectory("claimlens-renditions-").FullName;
    private MediaRenditions _renditions = null!;
    private byte[] _photo = [];
    private string _sha = "";
    private ReferenceImage _reference = null!;
    private DerivationMatch _match = null!;
    private (int Width, int Height) _claim;
    private (int Width, int Height) _frame;

    [GlobalSetup]
    public void Setup()
    {
        Cv2.SetNumThreads(1);
        _photo = BenchInputs.ForgedTwelveMegapixel().Claim;
        var options = Options.Create(new MediaOptions { Root = Path.Combine(_root, "media") });
        var environment = new HostingEnvironment { ContentRootPath = _root };
        var store = new MediaStore(options, environment);
        _sha = store.PutAsync(_photo, CancellationToken.None).GetAwaiter().GetResult();
        _renditions = new MediaRenditions(store, options, environment);
        _renditions.GetAsync(_sha, Rendition.View, CancellationToken.None).GetAwaiter().GetResult();

        var (original, claim, _) = BenchInputs.ForgedTwelveMegapixel();
        _reference = ReferenceImage.Load(original, "listing");
        using var result = EvidenceAnalyzer.Analyze(claim, new AnalysisOptions { References = [_reference] });
        _match = result.Derivation ?? throw new InvalidOperationException("the forged claim did not match its original");
        var heatmap = ImageLoader.Check(result.RenderHeatmapJpeg());
        (_claim, _frame) = ((result.Report.Image.Width, result.Report.Image.Height), (heatmap.Width, heatmap.Height));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _renditions.Dispose();
        _reference.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>What a page would pay without renditions: the whole photo decoded, then shrunk to 1600.</summary>
    [Benchmark(Baseline = true)]
    public int FullDecodeThenResizeToView()
    {
        using var full = Cv2.ImDecode(_photo, ImreadModes.Color);
        using var view = new Mat();
        Cv2.Resize(full, view, new Size(1600, 1063), 0, 0, InterpolationFlags.Area);
        return view.Width;
    }

    [Benchmark]
    public async Task<string> FirstView()
    {
        File.Delete(_renditions.PathOf(_sha, Rendition.View));
        return await _renditions.GetAsync(_sha, Rendition.View, CancellationToken.None);
    }

    [Benchmark]
    public async Task<string> FirstThumb()
    {
        File.Delete(_renditions.PathOf(_sha, Rendition.Thumb));
        return await _renditions.GetAsync(_sha, Rendition.Thumb, CancellationToken.None);
    }

    [Benchmark]
    public async Task<string> CachedView() => await _renditions.GetAsync(_sha, Rendition.View, CancellationToken.None);

    /// <summary>What each derived photo's analysis job adds: the reference warped into the heat map's frame, as JPEG.</summary>
    [Benchmark]
    public int AlignedReference() =>
        AlignedReferenceImage.RenderJpeg(_reference.Image, _match.Homography, _claim.Width, _claim.Height, _frame.Width, _frame.Height)!.Length;

    private sealed class ShortOneCore : ManualConfig
    {
        public ShortOneCore() => AddJob(Job.ShortRun.WithAffinity(1));
    }
}
