namespace ClaimLens.Web.Repairs;

/// <summary>A technician as the tenant describes them. Shifts: <c>{ "day": "mon", "start": "09:00", "end": "18:00" }</c>
/// in the tenant's time zone.</summary>
public sealed record TechnicianInput(
    string? Name, IReadOnlyList<SkillInput>? Skills, IReadOnlyList<string>? Regions, IReadOnlyList<ShiftInput>? Shifts, int? Capacity,
    double? Rating, double? Latitude, double? Longitude, Guid? ServicePointId, bool? Active);
