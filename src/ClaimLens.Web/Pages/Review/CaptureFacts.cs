namespace ClaimLens.Web.Pages.Review;

/// <summary>What a photo's report says about how it was made: camera, time, software, and the AI-content labels.</summary>
public sealed record CaptureFacts(
    string? Make, string? Model, string? TakenAt, string? Software, int Width, int Height,
    string? C2paSigner, string? C2paGenerator, string? C2paAi, string? Tc260Label, string? IptcSourceType)
{
    public static CaptureFacts Empty { get; } = new(null, null, null, null, 0, 0, null, null, null, null, null);
}
