namespace ClaimLens.Web.Repairs.Timeline;

/// <summary>A call, message or visit note on a request (the communication log). The text is stored encrypted: what
/// customers say on the phone is personal data. Status changes are not stored here: the timeline reads them from the
/// audit chain, which already records every move.</summary>
public sealed class TimelineEntry
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    public Guid RequestId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary><c>call</c>, <c>message</c> or <c>visit_note</c>.</summary>
    public required string Kind { get; set; }

    /// <summary><c>inbound</c> or <c>outbound</c> for calls and messages; null for notes.</summary>
    public string? Direction { get; set; }

    public required string Author { get; set; }

    public required string TextProtected { get; set; }
}
