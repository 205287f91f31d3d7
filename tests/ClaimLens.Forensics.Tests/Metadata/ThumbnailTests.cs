using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Metadata;
using ClaimLens.Forensics.Report;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Metadata;

public sealed class ThumbnailTests(ITestOutputHelper output)
{
    /// <summary>A 480×320 photo whose EXIF carries a 160×120 thumbnail of <paramref name="thumbSource"/>, letterboxed
    /// with black bars the way Canon and Nikon store 3:2 frames, and rotated for <paramref name="orientation"/>.</summary>
    private static byte[] PhotoWithThumbnail(Mat stored, Mat thumbSource, ushort orientation = 1)
    {
        using var thumb = new Mat(120, 160, MatType.CV_8UC3, Scalar.All(0));
        var height = 160 * thumbSource.Height / thumbSource.Width;
        using var resized = new Mat();
        Cv2.Resize(thumbSource, resized, new Size(160, height), 0, 0, InterpolationFlags.Area);
        using (var band = thumb[new Rect(0, (120 - height) / 2, 160, height)])
            resized.CopyTo(band);
        var exif = new ExifBuilder().Ifd0(0x010F, "Canon").Ifd0Short(0x0112, orientation).Thumbnail(Fixtures.Jpeg(thumb, 80));
        return Fixtures.WithExif(Fixtures.Jpeg(stored), exif);
    }

    private static Mat Gray(Mat bgr)
    {
        var gray = new Mat();
        Cv2.CvtColor(bgr, gray, ColorConversionCodes.BGR2GRAY);
        return gray;
    }

    [Fact]
    public void Inspect_ThumbnailOfSamePhoto_NoFinding()
    {
        using var scene = Fixtures.Scene();
        using var gray = Gray(scene);

        var report = Fixtures.Inspect(PhotoWithThumbnail(scene, scene), gray: gray);

        Assert.Null(report.Find(FindingCodes.ExifThumbnailMismatch));
    }

    [Fact]
    public void Inspect_ThumbnailOfAnotherPhoto_High()
    {
        using var scene = Fixtures.Scene(seed: 1);
        using var other = Fixtures.Scene(seed: 2);
        using var gray = Gray(scene);

        var finding = Fixtures.Inspect(PhotoWithThumbnail(scene, other), gray: gray).Find(FindingCodes.ExifThumbnailMismatch);

        Assert.NotNull(finding);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal([160, 120], finding.Details["thumbnailSize"]!.AsArray().Select(v => (int)v!));
        Assert.True((double)finding.Details["similarity"]! < 0.95);
    }

    [Fact]
    public void Inspect_PhotoEditedAfterThumbnail_High()
    {
        using var original = Fixtures.Scene();
        using var edited = original.Clone();
        Cv2.Rectangle(edited, new Rect(160, 100, 180, 120), new Scalar(250, 250, 250), -1);
        using var gray = Gray(edited);

        var finding = Fixtures.Inspect(PhotoWithThumbnail(edited, original), gray: gray).Find(FindingCodes.ExifThumbnailMismatch);

        Assert.NotNull(finding);
    }

    [Fact]
    public void Inspect_RotatedPhotoWithUnrotatedThumbnail_NoFinding()
    {
        // Stored landscape with orientation 6: the working image is displayed portrait, the thumbnail stays landscape.
        using var scene = Fixtures.Scene();
        using var displayed = new Mat();
        Cv2.Rotate(scene, displayed, RotateFlags.Rotate90Clockwise);
        using var gray = Gray(displayed);

        var report = Fixtures.Inspect(PhotoWithThumbnail(scene, scene, orientation: 6), gray: gray);

        Assert.Null(report.Find(FindingCodes.ExifThumbnailMismatch));
    }

    [Fact]
    public void Inspect_RotatedPhotoWithAnotherPhotosThumbnail_High()
    {
        using var scene = Fixtures.Scene(seed: 3);
        using var other = Fixtures.Scene(seed: 4);
        using var displayed = new Mat();
        Cv2.Rotate(scene, displayed, RotateFlags.Rotate90Clockwise);
        using var gray = Gray(displayed);

        Assert.NotNull(Fixtures.Inspect(PhotoWithThumbnail(scene, other, orientation: 6), gray: gray).Find(FindingCodes.ExifThumbnailMismatch));
    }

    [Fact]
    public void Inspect_FlatPhotoWithItsOwnThumbnail_NoFinding()
    {
        // A white wall: faint noise only, which normalisation would otherwise blow up into a mismatch.
        using var wall = new Mat(320, 480, MatType.CV_8UC3, Scalar.All(215));
        using var noise = new Mat(320, 480, MatType.CV_8UC3);
        new RNG(42).Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(3));
        Cv2.Add(wall, noise, wall);
        using var gray = Gray(wall);

        Assert.Null(Fixtures.Inspect(PhotoWithThumbnail(wall, wall), gray: gray).Find(FindingCodes.ExifThumbnailMismatch));
    }

    [Fact]
    public void Inspect_NoWorkingImage_ThumbnailNotCompared()
    {
        using var scene = Fixtures.Scene(seed: 1);
        using var other = Fixtures.Scene(seed: 2);

        Assert.Null(Fixtures.Inspect(PhotoWithThumbnail(scene, other)).Find(FindingCodes.ExifThumbnailMismatch));
    }

    [Fact]
    public void Inspect_ThumbnailBytesNotAJpeg_NoFinding()
    {
        using var scene = Fixtures.Scene();
        using var gray = Gray(scene);
        var garbage = new byte[3000];
        new Random(5).NextBytes(garbage);
        garbage[0] = 0xFF;
        garbage[1] = 0xD8;
        var file = Fixtures.WithExif(Fixtures.Jpeg(scene), new ExifBuilder().Ifd0(0x010F, "Canon").Thumbnail(garbage));

        Assert.Null(Fixtures.Inspect(file, gray: gray).Find(FindingCodes.ExifThumbnailMismatch));
    }

    [Fact]
    public void Inspect_AllRealPhotos_NoThumbnailMismatch()
    {
        var photos = TestData.Photos();
        if (photos.Count == 0)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }
        foreach (var path in photos)
        {
            var bytes = File.ReadAllBytes(path);
            using var image = ImageLoader.Load(bytes);
            using var gray = image.ToGray();

            var finding = Fixtures.Inspect(bytes, gray: gray).Find(FindingCodes.ExifThumbnailMismatch);

            Assert.True(finding is null, $"{Path.GetFileName(path)}: {finding?.Details.ToJsonString()}");
        }
    }

    [Fact]
    public void Inspect_RealPhotoAgainstAnotherRealPhoto_Flagged()
    {
        var photos = TestData.Photos();
        if (photos.Count == 0)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }
        // Each photo's thumbnail against the next photo's pixels: the swapped-thumbnail case on real cameras.
        var compared = 0;
        for (var i = 0; i < photos.Count; i++)
        {
            var bytes = File.ReadAllBytes(photos[i]);
            using var other = ImageLoader.Load(File.ReadAllBytes(photos[(i + 1) % photos.Count]));
            using var gray = other.ToGray();

            using var stream = new MemoryStream(bytes);
            if (MetadataFacts.From(MetadataExtractor.ImageMetadataReader.ReadMetadata(stream)).ThumbnailOffset is null)
                continue;

            var report = Fixtures.Inspect(bytes, gray: gray);

            compared++;
            Assert.True(report.Find(FindingCodes.ExifThumbnailMismatch) is not null, $"{Path.GetFileName(photos[i])} not flagged");
        }
        Assert.True(compared > 20);
    }
}
