namespace ClaimLens.Web.Evidence;

/// <summary>How a run of an external tool ended: its exit code, the start of what it printed, the end of what it
/// complained about, and why it was stopped, if it was (<paramref name="TimedOut"/> when by its time limit).</summary>
internal sealed record ToolResult(int ExitCode, string Output, string ErrorTail, string? StoppedBecause, bool TimedOut);
