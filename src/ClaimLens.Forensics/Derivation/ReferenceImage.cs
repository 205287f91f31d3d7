using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>A merchant reference (listing photo, packing photo, packing-video frame) prepared once for
/// matching: decoded at working resolution with its features extracted. Reuse it across claims;
/// dispose it when done.</summary>
public sealed class ReferenceImage : IDisposable
{
    // The file as given, kept to decode it again at another resolution (see WholePixelMove): a listing photo's
    // bytes are a tenth of its working pixels.
    private readonly byte[]? _encoded;
    private readonly LoadLimits _limits;
    private readonly Lazy<SpectralRegistration.Prepared?> _spectrum;

    private ReferenceImage(string name, DecodedImage image, JpegInfo? jpeg, byte[]? encoded = null, LoadLimits? limits = null)
    {
        _encoded = encoded;
        _limits = limits ?? LoadLimits.Default;
        Jpeg = jpeg;
        Name = name;
        Image = image;
        Analysis = AnalysisImage.Create(image.Bgr);
        Features = FeatureSet.Detect(Analysis.Gray, FeatureSet.ReferenceFeatures);
        Pyramid = BuildPyramid(Analysis.Planes);
        _spectrum = new Lazy<SpectralRegistration.Prepared?>(() => SpectralRegistration.Prepare(Analysis.Gray));
    }

    /// <summary>How the reference is named in findings (a file name, a photo id).</summary>
    public string Name { get; }

    /// <summary>The decoded reference at working resolution.</summary>
    public DecodedImage Image { get; }

    /// <summary>The reference's JPEG tables; null when it is lossless or was given decoded.</summary>
    internal JpegInfo? Jpeg { get; }

    /// <summary>Grey and chroma planes at the analysis resolution.</summary>
    internal AnalysisImage Analysis { get; }

    /// <summary>Keypoints and descriptors in analysis coordinates.</summary>
    internal FeatureSet Features { get; }

    /// <summary>Half-resolution steps of the analysis planes (level 0 is the analysis image itself), so a
    /// claim much smaller than the reference is compared against a properly low-passed reference.</summary>
    internal IReadOnlyList<Mat> Pyramid { get; }

    /// <summary>The analysis picture's canvas and log-polar spectrum, made the first time a claim needs them (only
    /// claims no feature matched do); null when the picture is too small or flat.</summary>
    internal SpectralRegistration.Prepared? Spectrum => _spectrum.Value;

    /// <summary>Decodes and prepares a reference.</summary>
    /// <exception cref="ImageLoadException">The bytes are not a usable image.</exception>
    public static ReferenceImage Load(ReadOnlySpan<byte> data, string name, LoadLimits? limits = null) =>
        new(name, ImageLoader.Load(data, limits), JpegInfo.Read(data), data.ToArray(), limits);

    /// <summary>The reference decoded at exactly 1/<paramref name="reduction"/> of its full size, or null when it was
    /// given decoded or cannot be decoded so. The caller disposes it.</summary>
    internal DecodedImage? DecodeReduced(int reduction)
    {
        if (_encoded is null || (reduction != 1 && Image.Format != ImageFormat.Jpeg))
            return null;
        try
        {
            return ImageLoader.LoadReduced(_encoded, reduction, _limits);
        }
        catch (ImageLoadException)
        {
            return null;
        }
    }

    /// <summary>Prepares a reference from an image already decoded; takes ownership of it.</summary>
    public static ReferenceImage FromDecoded(DecodedImage image, string name)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new ReferenceImage(name, image, null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Image.Dispose();
        Analysis.Dispose();
        if (_spectrum.IsValueCreated)
            _spectrum.Value?.Dispose();
        for (var i = 1; i < Pyramid.Count; i++)
            Pyramid[i].Dispose();
    }

    private static List<Mat> BuildPyramid(Mat planes)
    {
        var levels = new List<Mat> { planes };
        for (var i = 0; i < 5; i++)
        {
            var last = levels[^1].Size();
            if (Math.Min(last.Width, last.Height) < 64)
                break;
            var next = new Mat();
            Cv2.PyrDown(levels[^1], next);
            levels.Add(next);
        }
        return levels;
    }
}
