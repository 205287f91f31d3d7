using ClaimLens.Forensics.Imaging;

namespace ClaimLens.Forensics.Derivation;

/// <summary>A merchant reference (listing photo, packing photo, packing-video frame) prepared once for
/// matching: decoded at working resolution with its features extracted. Reuse it across claims;
/// dispose it when done.</summary>
public sealed class ReferenceImage : IDisposable
{
    private ReferenceImage(string name, DecodedImage image)
    {
        Name = name;
        Image = image;
    }

    /// <summary>How the reference is named in findings (a file name, a photo id).</summary>
    public string Name { get; }

    /// <summary>The decoded reference at working resolution.</summary>
    public DecodedImage Image { get; }

    /// <summary>Decodes and prepares a reference.</summary>
    /// <exception cref="ImageLoadException">The bytes are not a usable image.</exception>
    public static ReferenceImage Load(ReadOnlySpan<byte> data, string name, LoadLimits? limits = null) =>
        new(name, ImageLoader.Load(data, limits));

    /// <inheritdoc />
    public void Dispose() => Image.Dispose();
}
