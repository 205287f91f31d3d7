using ClaimLens.Web.Tests.Infrastructure;
using OpenCvSharp;

namespace ClaimLens.Web.Tests.Evidence;

/// <summary>Pictures for the rendition tests, made in the test.</summary>
internal static class RenditionPictures
{
    /// <summary>A JPEG stored 2400 x 1200 (left half red, right half blue) with EXIF orientation 6 ("rotate 90
    /// degrees clockwise to display"): upright it is 1200 x 2400, red on top, blue below.</summary>
    public static byte[] RotatedJpeg()
    {
        using var stored = new Mat(1200, 2400, MatType.CV_8UC3, new Scalar(255, 0, 0));
        stored[new Rect(0, 0, 1200, 1200)].SetTo(new Scalar(0, 0, 255));
        return WithOrientation(TestPhotos.Encode(stored, 90), 6);
    }

    /// <summary>Inserts an APP1 Exif segment holding only an Orientation tag right after SOI.</summary>
    public static byte[] WithOrientation(byte[] jpeg, ushort orientation)
    {
        // APP1: FFE1, length (big-endian, counts itself), "Exif\0\0", then TIFF little-endian: "II", 42, offset of
        // IFD0 (8); IFD0: 1 entry (tag 0x0112 Orientation, type 3 SHORT, count 1, value), next IFD offset 0.
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0,
            1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, (byte)(orientation >> 8), 0, 0,
            0, 0, 0, 0,
        ];
        var length = 2 + 6 + tiff.Length;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0, .. tiff];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    public static Mat Decode(byte[] bytes) => Cv2.ImDecode(bytes, ImreadModes.Color);

    /// <summary>True when the pixel is mostly the given channel (0 blue, 2 red).</summary>
    public static bool IsMostly(Mat image, int x, int y, int channel)
    {
        var p = image.At<Vec3b>(y, x);
        return p[channel] > 200 && Enumerable.Range(0, 3).Where(c => c != channel).All(c => p[c] < 60);
    }
}
