using System.Globalization;

namespace ClaimLens.Web.Claims;

/// <summary>A position in the review queue (a claim's risk, review deadline and id), written in URLs as
/// <c>risk.deadlineUnixMs.id</c>.</summary>
public sealed record ReviewQueueCursor(int Risk, DateTimeOffset DueAt, Guid Id)
{
    /// <summary>The position of a claim; a missing risk or deadline (a claim never analysed) sorts as the lowest.</summary>
    public static ReviewQueueCursor Of(int? risk, DateTimeOffset? dueAt, Guid id) =>
        new(risk ?? -1, dueAt ?? DateTimeOffset.UnixEpoch, id);

    public static ReviewQueueCursor? Parse(string? text)
    {
        var parts = text?.Split('.');
        return parts is [var r, var d, var i]
            && int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out var risk)
            && long.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms is >= 0 and < 253402300800000
            && Guid.TryParse(i, out var id)
            ? new ReviewQueueCursor(risk, DateTimeOffset.FromUnixTimeMilliseconds(ms), id)
            : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Risk}.{DueAt.ToUnixTimeMilliseconds()}.{Id:N}");
}
