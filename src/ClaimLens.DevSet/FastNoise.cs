using System.Runtime.InteropServices;
using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>Bulk white noise for whole frames. OpenCV's own generator fills Gaussian noise at about
/// 40 Mpx/s on one core, the slowest step of a simulated photograph; SplitMix64 bytes are ten times faster
/// and, once the demosaic blur mixes neighbours, close enough to Gaussian.</summary>
internal static class FastNoise
{
    // Standard deviation of a uniform byte 0..255.
    private const double ByteStd = 73.9;

    /// <summary>Zero-mean, unit-variance uniform noise as 32-bit floats with the given channel count.</summary>
    public static Mat Uniform(Random rng, Size size, int channels)
    {
        var bytes = new byte[size.Width * size.Height * channels];
        Fill(bytes, (ulong)rng.NextInt64());
        using var raw = Mat.FromPixelData(size.Height, size.Width, MatType.CV_8UC(channels), bytes);
        var noise = new Mat();
        raw.ConvertTo(noise, MatType.CV_32FC(channels), 1 / ByteStd, -127.5 / ByteStd);
        return noise;
    }

    private static void Fill(Span<byte> target, ulong state)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(target);
        for (var i = 0; i < words.Length; i++) words[i] = Next(ref state);
        for (var i = words.Length * 8; i < target.Length; i++) target[i] = (byte)Next(ref state);
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
