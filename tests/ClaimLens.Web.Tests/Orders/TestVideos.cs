using System.Diagnostics;
using System.Globalization;
using ClaimLens.DevSet;
using ClaimLens.Web.Tests.Infrastructure;
using OpenCvSharp;

namespace ClaimLens.Web.Tests.Orders;

/// <summary>Short real videos made in the test: pictures drawn with OpenCV, shown one after another with a hand-held
/// camera's jitter and sensor noise, encoded to H.264 MP4 by Debian's ffmpeg (as a phone would record them).</summary>
internal static class TestVideos
{
    public const string Ffmpeg = "/usr/bin/ffmpeg";

    /// <summary>A scene: random shapes on a background (by seed), <paramref name="width"/> x <paramref name="height"/>,
    /// dark for odd seeds and light for even ones. ffmpeg scores a cut by the mean change of a pixel (in grey levels,
    /// over 100); two random-shape pictures alone score only 0.24 to 0.44, too close to the 0.3 threshold for a test.</summary>
    public static Mat Scene(int seed, int width = 640, int height = 480)
    {
        using var decoded = Cv2.ImDecode(TestPhotos.Unrelated(seed), ImreadModes.Color);
        using var resized = new Mat();
        Cv2.Resize(decoded, resized, new Size(width, height), interpolation: InterpolationFlags.Area);
        var scene = new Mat();
        resized.ConvertTo(scene, MatType.CV_8UC3, 0.5, seed % 2 != 0 ? 0 : 125);
        return scene;
    }

    /// <summary>The boxed product of the listing photos, as the packing camera sees it.</summary>
    public static Mat Product(int width, int height) => ProductPhoto.Draw(width, height);

    /// <summary>An MP4 showing each scene for <paramref name="secondsEach"/> at <paramref name="fps"/> frames a second:
    /// the cuts are at multiples of <paramref name="secondsEach"/>.</summary>
    public static byte[] Scenes(IReadOnlyList<Mat> scenes, double secondsEach, int fps = 10, bool fastStart = true)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        if (!File.Exists(Ffmpeg))
            throw new InvalidOperationException($"{Ffmpeg} is missing: run scripts/setup.sh, which installs Debian's ffmpeg (these tests make their videos with it)");
        var folder = Directory.CreateTempSubdirectory("claimlens-test-video-");
        try
        {
            var rng = new Random(5);
            var perScene = (int)Math.Round(secondsEach * fps);
            var n = 0;
            foreach (var scene in scenes)
            {
                for (var i = 0; i < perScene; i++)
                {
                    using var frame = Jitter(scene, rng);
                    Cv2.ImWrite(Path.Combine(folder.FullName, $"f{n++:D5}.jpg"), frame, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
                }
            }
            var output = Path.Combine(folder.FullName, "out.mp4");
            List<string> arguments =
            [
                "-nostdin", "-hide_banner", "-loglevel", "error", "-framerate", fps.ToString(CultureInfo.InvariantCulture),
                "-i", Path.Combine(folder.FullName, "f%05d.jpg"), "-c:v", "libx264", "-preset", "veryfast", "-crf", "18",
                "-pix_fmt", "yuv420p",
            ];
            if (fastStart)
                arguments.AddRange(["-movflags", "+faststart"]);
            arguments.Add(output);
            Run(arguments);
            return File.ReadAllBytes(output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A file that passes the upload's video sniffing (an ISO BMFF <c>ftyp</c> box, brand <c>isom</c>) and
    /// holds random bytes after it: what a broken phone upload or a hostile file looks like.</summary>
    public static byte[] FtypThenGarbage(int length = 64 * 1024)
    {
        var bytes = new byte[length];
        new Random(3).NextBytes(bytes);
        // size(4) "ftyp" major brand(4) minor version(4) compatible brands(4 each)
        byte[] ftyp = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m',
            0, 0, 2, 0, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1'];
        ftyp.CopyTo(bytes, 0);
        return bytes;
    }

    private static Mat Jitter(Mat scene, Random rng)
    {
        // Sub-pixel shake and fresh noise in every frame, so "nothing changed" is never literally true.
        using var shift = new Mat(2, 3, MatType.CV_64FC1);
        shift.Set(0, 0, 1.0);
        shift.Set(0, 1, 0.0);
        shift.Set(0, 2, rng.NextDouble() * 2 - 1);
        shift.Set(1, 0, 0.0);
        shift.Set(1, 1, 1.0);
        shift.Set(1, 2, rng.NextDouble() * 2 - 1);
        using var moved = new Mat();
        Cv2.WarpAffine(scene, moved, shift, scene.Size(), InterpolationFlags.Linear, BorderTypes.Reflect);
        using var noise = new Mat(scene.Size(), MatType.CV_8UC3);
        new RNG((ulong)rng.Next()).Fill(noise, DistributionType.Normal, Scalar.All(128), Scalar.All(2));
        var noisy = new Mat();
        Cv2.AddWeighted(moved, 1, noise, 1, -128, noisy);
        return noisy;
    }

    private static void Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Ffmpeg) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("ffmpeg did not finish making the test video in two minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg could not make the test video: {errors}");
    }
}
