using BenchmarkDotNet.Attributes;
using ClaimLens.Forensics.Reuse;
using OpenCvSharp;

namespace ClaimLens.Benchmarks.Reuse;

/// <summary>Fingerprint cost on a 1000 x 750 working image: the stored hash, and the 100 query probes.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class FingerprintBenchmarks
{
    private Mat _image = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A drawn scene with texture, so border trimming stops at the first line as in a real photo.
        _image = new Mat(750, 1000, MatType.CV_8UC3);
        Cv2.Randu(_image, new Scalar(0, 0, 0), new Scalar(255, 255, 255));
        Cv2.GaussianBlur(_image, _image, new Size(0, 0), 3);
        Cv2.Circle(_image, new Point(400, 300), 180, new Scalar(30, 90, 200), -1);
        Cv2.Rectangle(_image, new Rect(600, 100, 300, 500), new Scalar(220, 220, 40), -1);
    }

    [GlobalCleanup]
    public void Cleanup() => _image.Dispose();

    [Benchmark]
    public PerceptualHash Compute() => Fingerprinter.Compute(_image);

    [Benchmark]
    public int ComputeProbes() => Fingerprinter.ComputeProbes(_image).Count;
}
