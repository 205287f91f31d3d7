namespace ClaimLens.Web.Repairs.Timeline;

/// <summary>A call (direction inbound/outbound), a message (likewise) or a visit note, with its text.</summary>
public sealed record TimelineInput(string? Kind, string? Direction, string? Text);
