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

    /// <summary>How long a leased job belongs to its worker; a job whose worker died is taken again after this.
    /// Longer than the slowest analysis, short enough that a crash delays a claim only a little.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
}
