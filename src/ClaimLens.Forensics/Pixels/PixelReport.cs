using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;
using OpenCvSharp;

namespace ClaimLens.Forensics.Pixels;

/// <summary>The weak pixel-level findings for one photo and the map of where they point. Owns
/// <see cref="SuspicionMap"/>: dispose it.</summary>
public sealed class PixelReport : IDisposable
{
    internal PixelReport(IReadOnlyList<Finding> findings, Mat? suspicionMap, CompressionReport compression)
    {
        Findings = findings;
        SuspicionMap = suspicionMap;
        Compression = compression;
    }

    /// <summary>Warnings (and info hints) only: these signals can raise "needs review", never more.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>8-bit single channel at working resolution: 0 where nothing is suspicious, up to 255 where
    /// noise or copy-move evidence is strongest; null when nothing suspicious was found.</summary>
    public Mat? SuspicionMap { get; }

    /// <summary>The file's JPEG tables, or null when it is not a JPEG or no bytes were given.</summary>
    public JpegInfo? Jpeg => Compression.Jpeg;

    /// <summary>The compression facts behind the <c>recompressed</c> finding.</summary>
    public CompressionReport Compression { get; }

    /// <inheritdoc />
    public void Dispose() => SuspicionMap?.Dispose();
}
