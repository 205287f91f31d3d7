using ClaimLens.Forensics.Report;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Metadata;

public sealed class CaptureInfoTests(ITestOutputHelper output)
{
    [Fact]
    public void Inspect_ExifWithOffset_TakenAtHasOffsetAndValuesAreTrimmed()
    {
        var exif = new ExifBuilder().Ifd0(0x010F, "Apple  ").Ifd0(0x0110, " iPhone 13\0\0").Ifd0(0x0131, "17.1")
            .Exif(0x9003, "2026:11:20 18:03:11").Exif(0x9011, "+08:00");

        var capture = Fixtures.Inspect(Fixtures.WithExif(Fixtures.PlainJpeg(), exif)).Capture;

        Assert.Equal(new CaptureInfo("Apple", "iPhone 13", "2026-11-20T18:03:11+08:00", "17.1"), capture);
    }

    [Fact]
    public void Inspect_ExifWithoutOffset_TakenAtHasNoOffset()
    {
        var exif = new ExifBuilder().Ifd0(0x010F, "Canon").Ifd0(0x0110, "Canon EOS 450D").Exif(0x9003, "2008:04:15 13:11:23");

        var capture = Fixtures.Inspect(Fixtures.WithExif(Fixtures.PlainJpeg(), exif)).Capture;

        Assert.Equal("2008-04-15T13:11:23", capture.TakenAt);
        Assert.Equal("Canon EOS 450D", capture.Model);
    }

    [Fact]
    public void Inspect_NoMetadata_EmptyCaptureAndInfoFinding()
    {
        var report = Fixtures.Inspect(Fixtures.PlainJpeg());

        Assert.Equal(CaptureInfo.Empty, report.Capture);
        var finding = report.Find(FindingCodes.NoCameraMetadata);
        Assert.NotNull(finding);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(1.0, finding.Confidence);
        Assert.Contains("proves nothing", finding.Summary.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_OnlyCaptureTime_NoNoCameraMetadataFinding()
    {
        var file = Fixtures.WithExif(Fixtures.PlainJpeg(), new ExifBuilder().Exif(0x9003, "2026:11:20 18:03:11"));

        Assert.Null(Fixtures.Inspect(file).Find(FindingCodes.NoCameraMetadata));
    }

    [Theory]
    [InlineData("Canon_EOS_450D.jpg", "Canon", "Canon EOS 450D", "2008-04-15T13:11:23", null)]
    [InlineData("Apple_iPhone_6.jpg", "Apple", "iPhone 6", "2014-09-16T14:05:12", "8.0")]
    [InlineData("Nikon_D3100.jpg", "NIKON CORPORATION", "NIKON D3100", "2010-12-02T13:18:23", "Ver.1.00")]
    public void Inspect_RealCameraPhoto_CaptureInfoAsStored(string name, string make, string model, string takenAt, string? software)
    {
        var path = TestData.Find("photos/" + name);
        if (path is null)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }

        var report = Fixtures.Inspect(File.ReadAllBytes(path));

        Assert.Equal(new CaptureInfo(make, model, takenAt, software), report.Capture);
        Assert.Null(report.Find(FindingCodes.NoCameraMetadata));
        Assert.Null(report.Find(FindingCodes.EditingSoftware));
    }

    [Fact]
    public void Inspect_AllRealPhotos_NoAiFindingsAndOnlyAdobeEditedFilesFlagged()
    {
        var photos = TestData.Photos();
        if (photos.Count == 0)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }
        foreach (var path in photos)
        {
            var name = Path.GetFileName(path);
            var report = Fixtures.Inspect(File.ReadAllBytes(path));

            Assert.DoesNotContain(report.Findings, f => f.Code is FindingCodes.Tc260AiLabel or FindingCodes.IptcAiSourceType or FindingCodes.GeneratorParameters);
            // Camera firmware strings ("Ver.1.00", "E990v1.1", "17.1.A.2.55_9_f300" …) name no editor. Two files were
            // really edited: one saved by Photoshop CC, one developed in Camera Raw (its XMP history says so).
            var editing = report.Find(FindingCodes.EditingSoftware);
            string? expected = name switch
            {
                "Multiple_ICC_segments.jpg" => "Adobe Photoshop",
                "Sony_D5403_(Xperia_Z2).jpg" => "Adobe Camera Raw",
                _ => null,
            };
            if (expected is null)
                Assert.True(editing is null, $"{name}: {editing?.Details.ToJsonString()}");
            else
                Assert.Equal([expected], editing!.Details["editors"]!.AsArray().Select(e => (string)e!));
        }
    }
}
