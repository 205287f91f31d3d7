namespace ClaimLens.Web.Repairs;

public sealed record TechnicianDto(
    Guid Id, string Name, IReadOnlyList<SkillInput> Skills, IReadOnlyList<string> Regions, IReadOnlyList<ShiftInput> Shifts, int Capacity,
    double Rating, double? Latitude, double? Longitude, DateTimeOffset? PositionAt, int CompletedJobs, int ReRepairs, Guid? ServicePointId, bool Active)
{
    public static TechnicianDto From(Technician t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new TechnicianDto(t.Id, t.Name, t.Skills.Select(s => new SkillInput(s.Brand, s.ProductType)).ToList(), t.Regions,
            t.Shifts.Select(s => new ShiftInput(TechnicianCheck.DayName(s.Day), s.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                s.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))).ToList(),
            t.Capacity, t.Rating, t.Latitude, t.Longitude, t.PositionAt, t.CompletedJobs, t.ReRepairs, t.ServicePointId, t.Active);
    }
}
