using System.Globalization;

namespace ClaimLens.Web.Pages;

/// <summary>The pages' words. The desk speaks two languages, fixed by the product (Chinese first, English one click
/// away, as the report's <c>{ en, zh }</c> texts), so each string is written once with both forms side by side at its
/// point of use: none can go missing or drift from its meaning (decision 0014). Imported statically by every page.</summary>
public static class Text
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly CultureInfo[] Cultures = [new(Chinese), new(English)];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the request's language.</summary>
    public static string L(string zh, string en) => IsEnglish ? en : zh;

    /// <summary>The two-letter language of the request, for <c>lang</c> attributes and the engine's texts.</summary>
    public static string Lang => IsEnglish ? "en" : "zh";

    /// <summary>An instant as the tenant's people read it: in its time zone, minutes, no offset noise.</summary>
    public static string Local(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, Zone(timeZone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A span as "3 h 20 min" / "3 小时 20 分"; negative spans say how long ago.</summary>
    public static string Span(TimeSpan span)
    {
        var past = span < TimeSpan.Zero;
        var s = past ? -span : span;
        var text = s.TotalDays >= 1
            ? L($"{(int)s.TotalDays} 天 {s.Hours} 小时", $"{(int)s.TotalDays} d {s.Hours} h")
            : s.TotalHours >= 1 ? L($"{(int)s.TotalHours} 小时 {s.Minutes} 分", $"{(int)s.TotalHours} h {s.Minutes} min")
            : L($"{Math.Max(1, s.Minutes)} 分钟", $"{Math.Max(1, s.Minutes)} min");
        return past ? L($"已超时 {text}", $"{text} overdue") : text;
    }

    public static TimeZoneInfo Zone(string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
