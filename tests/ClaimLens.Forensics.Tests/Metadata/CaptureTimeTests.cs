using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Tests.Metadata;

public sealed class CaptureTimeTests
{
    // Delivered 2026-11-20 14:00 in China = 06:00 UTC.
    private static readonly DateTimeOffset Delivered = new(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);

    private static byte[] Photo(string taken, string? offset = null, ushort field = 0x9003)
    {
        var exif = new ExifBuilder().Ifd0(0x010F, "Apple").Ifd0(0x0110, "iPhone 13");
        exif = field == 0x0132 ? exif.Ifd0(0x0132, taken) : exif.Exif(field, taken);
        if (offset is not null)
            exif.Exif(0x9011, offset);
        return Fixtures.WithExif(Fixtures.PlainJpeg(), exif);
    }

    [Fact]
    public void Inspect_TakenDaysBeforeDeliveryWithOffset_High()
    {
        var finding = Fixtures.Inspect(Photo("2026:11:17 09:30:00", "+08:00"), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery);

        Assert.NotNull(finding);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(0.85, finding.Confidence);
        Assert.True((bool)finding.Details["offsetKnown"]!);
        Assert.Equal("2026-11-17T09:30:00+08:00", (string)finding.Details["takenAt"]!);
        Assert.Equal(76.5, (double)finding.Details["hoursBefore"]!);
        Assert.Equal("DateTimeOriginal", (string)finding.Details["field"]!);
        Assert.Contains("clock", finding.Summary.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TakenHalfAnHourBeforeDeliveryWithOffset_NoFinding()
    {
        // 13:30 China time: within the one-hour tolerance for clock drift.
        Assert.Null(Fixtures.Inspect(Photo("2026:11:20 13:30:00", "+08:00"), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery));
    }

    [Fact]
    public void Inspect_TakenAfterDeliveryWithOffset_NoFinding()
    {
        Assert.Null(Fixtures.Inspect(Photo("2026:11:21 10:00:00", "+08:00"), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery));
    }

    [Fact]
    public void Inspect_WesternOffsetMakesItAfterDelivery_NoFinding()
    {
        // 01:00 at UTC-08:00 is 09:00 UTC, after the 06:00 UTC delivery, although 01:00 in China would be before it.
        Assert.Null(Fixtures.Inspect(Photo("2026:11:20 01:00:00", "-08:00"), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery));
    }

    [Fact]
    public void Inspect_NoOffsetBeforeDeliveryInEveryZone_High()
    {
        var finding = Fixtures.Inspect(Photo("2026:11:01 12:00:00"), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery);

        Assert.Equal(Severity.High, finding?.Severity);
        Assert.False((bool)finding!.Details["offsetKnown"]!);
        Assert.Equal("2026-11-01T12:00:00", (string)finding.Details["takenAt"]!);
    }

    [Fact]
    public void Inspect_NoOffsetBeforeDeliveryOnlyInChinaTime_WarningSaysAssumedUtc8()
    {
        // 10:00 local: 02:00 UTC if in China (4 h before delivery), but after delivery anywhere west of UTC+4.
        var finding = Fixtures.Inspect(Photo("2026:11:20 10:00:00"), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery);

        Assert.NotNull(finding);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.True(finding.Confidence < 0.85);
        Assert.Equal(4.0, (double)finding.Details["hoursBefore"]!);
        Assert.Equal("+08:00", (string)finding.Details["assumedOffset"]!);
        Assert.Contains("no time zone recorded; assumed UTC+8", finding.Summary.En, StringComparison.Ordinal);
        Assert.Contains("UTC+8", finding.Summary.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_NoOffsetAfterDeliveryInChinaTime_NoFinding()
    {
        Assert.Null(Fixtures.Inspect(Photo("2026:11:20 16:00:00"), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery));
    }

    [Fact]
    public void Inspect_OnlyIfd0DateTime_SaysWhichField()
    {
        var finding = Fixtures.Inspect(Photo("2026:11:01 12:00:00", field: 0x0132), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery);

        Assert.Equal("DateTime", (string)finding!.Details["field"]!);
    }

    [Fact]
    public void Inspect_GpsTimeStampWithoutOffset_UsedAsExactTime()
    {
        // Local 10:00 with no offset would only be a China-time warning; the GPS clock says 02:00 UTC, 4 h before delivery.
        var exif = new ExifBuilder().Exif(0x9003, "2026:11:20 10:00:00").Gps(0x001D, "2026:11:20").GpsRationals(0x0007, 2, 0, 0);
        var finding = Fixtures.Inspect(Fixtures.WithExif(Fixtures.PlainJpeg(), exif), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery);

        Assert.Equal(Severity.High, finding?.Severity);
        Assert.Equal("GPSDateStamp+GPSTimeStamp", (string)finding!.Details["field"]!);
        Assert.Equal(4.0, (double)finding.Details["hoursBefore"]!);
    }

    [Fact]
    public void Inspect_StaleGpsTimeStamp_Ignored()
    {
        // The GPS fix is ten days older than the photo: the local time (after delivery in China time) decides.
        var exif = new ExifBuilder().Exif(0x9003, "2026:11:20 16:00:00").Gps(0x001D, "2026:11:10").GpsRationals(0x0007, 2, 0, 0);

        Assert.Null(Fixtures.Inspect(Fixtures.WithExif(Fixtures.PlainJpeg(), exif), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery));
    }

    [Fact]
    public void Inspect_NoDeliveryTime_NoFinding()
    {
        Assert.Null(Fixtures.Inspect(Photo("2020:01:01 00:00:00", "+08:00")).Find(FindingCodes.CapturedBeforeDelivery));
    }

    [Theory]
    [InlineData("2026:13:45 99:00:00")]
    [InlineData("0000:00:00 00:00:00")]
    [InlineData("    :  :     :  :  ")]
    public void Inspect_UnparseableCaptureTime_NoFindingNoException(string taken)
    {
        Assert.Null(Fixtures.Inspect(Photo(taken, "+08:00"), deliveredAt: Delivered).Find(FindingCodes.CapturedBeforeDelivery));
    }
}
