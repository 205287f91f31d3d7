using System.ComponentModel.DataAnnotations;

namespace ClaimLens.Web.Evidence;

/// <summary>Background workers of this process (section <c>ClaimLens:Workers</c>).</summary>
public sealed class WorkerOptions
{
    public const string Section = "ClaimLens:Workers";

    /// <summary>Jobs run at once; 0 turns the workers off (a web-only process). Default: one per core, since
    /// analysis is CPU-bound.</summary>
    [Range(0, 256)]
    public int Count { get; set; } = Environment.ProcessorCount;

    /// <summary>How often an idle worker looks for jobs queued by other processes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
