using System.Security.Cryptography;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Web.Evidence;
using OpenCvSharp;

namespace ClaimLens.Web.Claims.Bundle;

/// <summary>Turns a stored picture into the JPEG a bundle embeds: decoded through the engine's guarded loader at
/// reduced size, scaled to at most 1600 px on the long side, changed regions outlined in red, re-encoded. One
/// picture at a time goes through here, so a 9-photo claim of 25 MB originals never has them all in memory.</summary>
internal static class BundleImages
{
    public const int MaxLongSide = 1600;

    // The loader keeps the long side in [WorkingLongSide, 2 x WorkingLongSide), decoding JPEGs at 1/2..1/8 scale.
    private static readonly LoadLimits Limits = new() { WorkingLongSide = MaxLongSide / 2 };
    private static readonly Scalar Red = new(0, 0, 255);

    /// <summary>The picture to embed, or null when the stored file is gone or not a readable picture.</summary>
    public static async Task<EmbeddedImage?> PrepareAsync(MediaStore store, string sha256, IReadOnlyList<Rect> regions, CancellationToken cancellationToken)
    {
        if (!store.Exists(sha256))
            return null;
        var bytes = await store.ReadAllAsync(sha256, cancellationToken);
        try
        {
            using var decoded = ImageLoader.Load(bytes, Limits);
            return Encode(decoded, regions, sha256);
        }
        catch (ImageLoadException)
        {
            return null;
        }
    }

    private static EmbeddedImage Encode(DecodedImage decoded, IReadOnlyList<Rect> regions, string sha256)
    {
        var picture = decoded.Bgr;
        var toWorking = decoded.Scale;
        using var resized = new Mat();
        var longSide = Math.Max(picture.Width, picture.Height);
        if (longSide > MaxLongSide)
        {
            // Elongated pictures (screenshots) keep their short side at the working size, so their long side can exceed the cap.
            var factor = (double)MaxLongSide / longSide;
            Cv2.Resize(picture, resized, new Size(), factor, factor, InterpolationFlags.Area);
            picture = resized;
            toWorking *= factor;
        }
        var thickness = Math.Max(2, (int)Math.Round(Math.Max(picture.Width, picture.Height) / 400.0));
        foreach (var r in regions)
        {
            var box = new Rect((int)(r.X * toWorking), (int)(r.Y * toWorking), Math.Max(1, (int)Math.Ceiling(r.Width * toWorking)),
                Math.Max(1, (int)Math.Ceiling(r.Height * toWorking)));
            Cv2.Rectangle(picture, box, Red, thickness);
        }
        Cv2.ImEncode(".jpg", picture, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
        return new EmbeddedImage(jpeg, picture.Width, picture.Height, sha256, Convert.ToHexStringLower(SHA256.HashData(jpeg)));
    }
}
