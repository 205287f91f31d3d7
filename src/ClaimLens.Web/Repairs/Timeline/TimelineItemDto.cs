namespace ClaimLens.Web.Repairs.Timeline;

/// <summary>One line of a request's timeline: a call, message or visit note (<see cref="Text"/>), or a status change or
/// other system event from the audit log (<see cref="Kind"/> <c>system</c>, <see cref="Action"/> e.g. <c>repair.accepted</c>).</summary>
public sealed record TimelineItemDto(DateTimeOffset At, string Kind, string? Direction, string Author, string? Text, string? Action, string? Data);
