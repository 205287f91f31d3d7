namespace ClaimLens.Web.Repairs;

/// <summary>A field technician of a service tenant: what they can repair, where, when, and how busy they may be.</summary>
public sealed class Technician
{
    public Guid Id { get; set; }

    public Guid MerchantId { get; set; }

    public required string Name { get; set; }

    public Guid? ServicePointId { get; set; }

    public List<TechnicianSkill> Skills { get; set; } = [];

    /// <summary>Region codes covered: cities, counties or towns.</summary>
    public List<string> Regions { get; set; } = [];

    public List<Shift> Shifts { get; set; } = [];

    /// <summary>Jobs held at once (offered, accepted, travelling or on site).</summary>
    public int Capacity { get; set; }

    /// <summary>Customer rating 0..5.</summary>
    public double Rating { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateTimeOffset? PositionAt { get; set; }

    public int CompletedJobs { get; set; }

    /// <summary>Completed jobs that came back inside warranty (counted by the warranty feature).</summary>
    public int ReRepairs { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
