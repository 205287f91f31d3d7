using ClaimLens.DevSet;
using OpenCvSharp;

namespace ClaimLens.Web.Tests.Infrastructure;

/// <summary>Pictures made in the test: a listing photo, a buyer's forgery of it, and unrelated genuine photos.</summary>
public static class TestPhotos
{
    private static readonly Lazy<byte[]> ListingBytes = new(() =>
    {
        using var listing = ProductPhoto.Draw(1600, 1200);
        return Encode(listing, 92);
    });

    private static readonly Lazy<byte[]> ForgedBytes = new(() =>
    {
        using var listing = Cv2.ImDecode(ListingBytes.Value, ImreadModes.Color);
        var rng = new Random(7);
        var (forged, truth) = Forgery.Apply(listing, ForgeryKind.Crack, rng, 0.03);
        using (forged)
        using (truth)
        {
            var (phone, phoneTruth) = PhoneTransform.Apply(forged, truth, TransformKind.Resize50, rng);
            using (phone)
            using (phoneTruth)
                return Encode(phone, 80);
        }
    });

    /// <summary>The merchant's listing photo (JPEG, 1600 x 1200).</summary>
    public static byte[] Listing => ListingBytes.Value;

    /// <summary>The listing photo with a crack painted in, halved and re-saved at quality 80.</summary>
    public static byte[] Forged => ForgedBytes.Value;

    /// <summary>A genuine-looking photo unrelated to the listing: shapes, texture and sensor noise, by seed.</summary>
    public static byte[] Unrelated(int seed)
    {
        var rng = new Random(seed);
        using var image = new Mat(900, 1200, MatType.CV_8UC3, new Scalar(rng.Next(90, 200), rng.Next(90, 200), rng.Next(90, 200)));
        for (var i = 0; i < 40; i++)
        {
            var color = new Scalar(rng.Next(256), rng.Next(256), rng.Next(256));
            var center = new Point(rng.Next(1200), rng.Next(900));
            if (i % 2 == 0)
                Cv2.Circle(image, center, rng.Next(10, 150), color, -1, LineTypes.AntiAlias);
            else
                Cv2.Rectangle(image, new Rect(center.X, center.Y, rng.Next(20, 300), rng.Next(20, 200)), color, -1);
        }
        using var noise = new Mat(image.Size(), MatType.CV_8UC3);
        new RNG((ulong)seed).Fill(noise, DistributionType.Normal, Scalar.All(128), Scalar.All(6));
        using var noisy = new Mat();
        Cv2.AddWeighted(image, 1, noise, 1, -128, noisy);
        return Encode(noisy, 90);
    }

    /// <summary>A PNG whose header declares <paramref name="width"/> x <paramref name="height"/> pixels but holds
    /// almost no data: a decompression bomb as far as any decoder that trusts the header is concerned.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        using var tiny = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(128));
        Cv2.ImEncode(".png", tiny, out var png);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        return png;
    }

    public static byte[] Encode(Mat image, int quality)
    {
        ArgumentNullException.ThrowIfNull(image);
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return bytes;
    }
}
