using OpenCvSharp;

namespace ClaimLens.Benchmarks;

/// <summary>Benchmark inputs: a 12-megapixel claim forged from a real photo when ../shared/data is present
/// (Nikon D90, 4288 x 2848), else from a generated scene of the same size.</summary>
internal static class BenchInputs
{
    public static string? SharedPhotos()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimLens.sln")))
            {
                var photos = Path.Combine(dir.FullName, "..", "shared", "data", "photos");
                return Directory.Exists(photos) ? Path.GetFullPath(photos) : null;
            }
        }
        return null;
    }

    /// <summary>The original photo's bytes, a forged 12 MP claim made from it (a dark "crack" painted in and
    /// re-saved at quality 90), and two unrelated decoy references.</summary>
    public static (byte[] Original, byte[] Claim, byte[][] Decoys) ForgedTwelveMegapixel()
    {
        var photos = SharedPhotos();
        using var original = photos is null ? Generated(4288, 2848, 1) : Cv2.ImRead(Path.Combine(photos, "Nikon_D90.jpg"));
        using var forged = original.Clone();
        var w = forged.Width;
        var h = forged.Height;
        Cv2.Polylines(forged, [[new Point(w * 0.40, h * 0.30), new Point(w * 0.45, h * 0.42), new Point(w * 0.43, h * 0.55), new Point(w * 0.50, h * 0.66)]],
            false, new Scalar(25, 25, 30), Math.Max(3, w / 400), LineTypes.AntiAlias);
        var quality = new ImageEncodingParam(ImwriteFlags.JpegQuality, 90);
        var decoys = photos is null
            ? new[] { Encode(Generated(3000, 2000, 2)), Encode(Generated(3000, 2000, 3)) }
            : new[] { File.ReadAllBytes(Path.Combine(photos, "Canon_EOS_450D.jpg")), File.ReadAllBytes(Path.Combine(photos, "Sony_D5403_(Xperia_Z2).jpg")) };
        var originalBytes = photos is null ? original.ImEncode(".jpg", quality) : File.ReadAllBytes(Path.Combine(photos, "Nikon_D90.jpg"));
        return (originalBytes, forged.ImEncode(".jpg", quality), decoys);
    }

    /// <summary>`write-inputs DIR`: the engine benchmark's claim and references as files, for measuring the
    /// whole process (`/usr/bin/time -f %M claimlens inspect DIR/claim.jpg --ref ...`).</summary>
    public static void Write(string directory)
    {
        var (original, claim, decoys) = ForgedTwelveMegapixel();
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "claim.jpg"), claim);
        File.WriteAllBytes(Path.Combine(directory, "listing.jpg"), original);
        File.WriteAllBytes(Path.Combine(directory, "decoy-1.jpg"), decoys[0]);
        File.WriteAllBytes(Path.Combine(directory, "decoy-2.jpg"), decoys[1]);
    }

    private static byte[] Encode(Mat image)
    {
        using (image)
            return image.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
    }

    private static Mat Generated(int width, int height, int seed)
    {
        var image = new Mat(height, width, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        using var blurred = new Mat();
        Cv2.GaussianBlur(image, blurred, new Size(0, 0), 6 + seed);
        Cv2.Normalize(blurred, image, 0, 255, NormTypes.MinMax);
        return image;
    }
}
