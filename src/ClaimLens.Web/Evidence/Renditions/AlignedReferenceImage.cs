using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Web.Evidence.Renditions;

/// <summary>The aligned reference as the pages show it: the engine's warp (<see cref="ReferenceWarp"/>) as a JPEG.</summary>
public static class AlignedReferenceImage
{
    private const int Quality = 88;

    /// <summary>A JPEG of <see cref="ReferenceWarp.Render"/>, or null when the homography is not a usable 3x3 map.</summary>
    public static byte[]? RenderJpeg(DecodedImage reference, IReadOnlyList<double> homography, int claimWidth, int claimHeight,
        int frameWidth, int frameHeight)
    {
        using var warped = ReferenceWarp.Render(reference, homography, claimWidth, claimHeight, frameWidth, frameHeight);
        return warped?.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, Quality));
    }
}
