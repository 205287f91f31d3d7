using System.ComponentModel.DataAnnotations;

namespace ClaimLens.Web.Repairs;

/// <summary>Dispatch and response-target settings (section <c>ClaimLens:Repairs</c>).</summary>
public sealed class RepairsOptions
{
    public const string Section = "ClaimLens:Repairs";

    /// <summary>From request to a technician's acceptance.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ResponseTarget { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a technician has to accept before the job passes to the next.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often offers and response targets are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the in-memory candidate index is rebuilt from the database (it is also updated on every change made here).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan IndexRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The board lists open requests due within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan AtRiskWithin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Warranty of a completed repair unless a policy below says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan Warranty { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Warranty per brand and/or fault type; the most specific match wins (brand and fault, then brand, then fault).</summary>
    public List<WarrantyPolicy> WarrantyPolicies { get; set; } = [];

    /// <summary>Maintenance visits are made this far ahead.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "366.00:00:00")]
    public TimeSpan MaintenanceAhead { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the maintenance scheduler runs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Ranking weights; see <see cref="DispatchRanking"/>.</summary>
    public DispatchWeights Weights { get; set; } = new();
}
