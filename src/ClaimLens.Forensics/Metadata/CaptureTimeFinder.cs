using System.Globalization;
using System.Text.Json.Nodes;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Metadata;

/// <summary>Flags a photo whose recorded capture time is before the goods were delivered.</summary>
/// <remarks>
/// With an exact instant (EXIF OffsetTimeOriginal/OffsetTime, else the GPS time stamp, which is UTC): High,
/// confidence 0.85, when taken at least one hour before delivery.
/// Without one, the local time is read two ways. If it is more than 14 hours before delivery even read as UTC
/// (so before delivery in every time zone, UTC−14 to UTC+14): High, confidence 0.8. If it is at least one hour
/// before delivery only when read as UTC+08:00 (China Standard Time, the desk's market): Warning, confidence 0.5,
/// and the summary says "no time zone recorded; assumed UTC+8". A wrong camera clock is always a possible
/// innocent explanation, and the summary says so.
/// </remarks>
internal static class CaptureTimeFinder
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);
    private const double MinHours = 1;
    private const double WidestZoneHours = 14;

    public static Finding? Find(CaptureTime? taken, DateTimeOffset? deliveredAt)
    {
        if (taken is null || deliveredAt is not { } delivered)
            return null;

        if (taken.Instant is { } instant)
        {
            var hours = (delivered - instant).TotalHours;
            if (hours < MinHours)
                return null;
            var summary = new LocalizedText(
                $"The photo's metadata says it was taken {Describe(hours)} before the goods were delivered ({taken.InstantField}), so it cannot show the delivered item, unless the camera clock was wrong.",
                $"照片元数据显示其拍摄时间早于签收时间 {DescribeZh(hours)}（{taken.InstantField}），因此不可能拍的是签收后的商品，除非相机时钟有误。");
            return Build(Severity.High, 0.85, summary, taken, instant, delivered, hours, taken.InstantField, offsetKnown: true);
        }

        var asUtc = new DateTimeOffset(taken.Local, TimeSpan.Zero);
        var hoursAsUtc = (delivered - asUtc).TotalHours;
        if (hoursAsUtc > WidestZoneHours)
        {
            var hours = hoursAsUtc - WidestZoneHours;
            var summary = new LocalizedText(
                $"The photo's metadata says it was taken at least {Describe(hours)} before the goods were delivered in any time zone ({taken.Field}; no time zone recorded), so it cannot show the delivered item, unless the camera clock was wrong.",
                $"照片元数据显示，无论按哪个时区计算，拍摄时间都比签收时间至少早 {DescribeZh(hours)}（{taken.Field}，未记录时区），因此不可能拍的是签收后的商品，除非相机时钟有误。");
            var finding = Build(Severity.High, 0.8, summary, taken, new DateTimeOffset(taken.Local, ChinaStandardTime), delivered,
                (delivered - new DateTimeOffset(taken.Local, ChinaStandardTime)).TotalHours, taken.Field, offsetKnown: false);
            finding.Details["minHoursBefore"] = Math.Round(hours, 2);
            return finding;
        }

        var assumed = new DateTimeOffset(taken.Local, ChinaStandardTime);
        var hoursCst = (delivered - assumed).TotalHours;
        if (hoursCst < MinHours)
            return null;
        var weak = new LocalizedText(
            $"The photo may have been taken {Describe(hoursCst)} before the goods were delivered ({taken.Field}; no time zone recorded; assumed UTC+8). In a time zone far west of China it would not be, and the camera clock may be wrong.",
            $"照片可能拍摄于签收前 {DescribeZh(hoursCst)}（{taken.Field}；未记录时区，按 UTC+8 计算）。若拍摄地时区远在中国以西则不成立，相机时钟也可能有误。");
        return Build(Severity.Warning, 0.5, weak, taken, assumed, delivered, hoursCst, taken.Field, offsetKnown: false);
    }

    private static Finding Build(Severity severity, double confidence, LocalizedText summary, CaptureTime taken,
        DateTimeOffset instant, DateTimeOffset delivered, double hours, string field, bool offsetKnown)
    {
        var details = new JsonObject
        {
            ["takenAt"] = offsetKnown ? instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : taken.Iso,
            ["deliveredAt"] = delivered.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["hoursBefore"] = Math.Round(hours, 2),
            ["offsetKnown"] = offsetKnown,
            ["field"] = field,
        };
        if (!offsetKnown)
            details["assumedOffset"] = "+08:00";
        return new Finding(FindingCodes.CapturedBeforeDelivery, severity, confidence, summary, details);
    }

    private static string Describe(double hours) =>
        hours >= 48 ? FormattableString.Invariant($"{hours / 24:0} days") : FormattableString.Invariant($"{hours:0.#} hours");

    private static string DescribeZh(double hours) =>
        hours >= 48 ? FormattableString.Invariant($"{hours / 24:0} 天") : FormattableString.Invariant($"{hours:0.#} 小时");
}
