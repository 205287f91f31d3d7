using System.Net.Http.Headers;
using OpenCvSharp;

namespace ClaimLens.Browser.Tests.Infrastructure;

/// <summary>Pictures the tests upload: camera-like JPEGs different per seed, a drawn signature, and the multipart part
/// that carries one.</summary>
internal static class TestPictures
{
    /// <summary>A camera-like JPEG: shapes on a coloured ground, different per seed (so no two count as reused).</summary>
    public static byte[] Shapes(int seed)
    {
        var rng = new Random(seed);
        using var image = new Mat(960, 1280, MatType.CV_8UC3, new Scalar(rng.Next(80, 200), rng.Next(80, 200), rng.Next(80, 200)));
        for (var i = 0; i < 30; i++)
            Cv2.Circle(image, new Point(rng.Next(1280), rng.Next(960)), rng.Next(20, 160), new Scalar(rng.Next(256), rng.Next(256), rng.Next(256)), -1);
        Cv2.ImEncode(".jpg", image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        return jpeg;
    }

    /// <summary>A signature as a canvas makes it: dark strokes on a transparent PNG.</summary>
    public static byte[] Signature()
    {
        using var canvas = new Mat(200, 600, MatType.CV_8UC4, Scalar.All(0));
        Cv2.PutText(canvas, "Chen", new Point(40, 140), HersheyFonts.HersheyScriptSimplex, 3, new Scalar(30, 30, 30, 255), 4, LineTypes.AntiAlias);
        Cv2.ImEncode(".png", canvas, out var png);
        return png;
    }

    public static ByteArrayContent Part(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }
}
