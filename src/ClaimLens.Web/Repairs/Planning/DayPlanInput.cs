namespace ClaimLens.Web.Repairs.Planning;

/// <summary>The day to plan (tenant's local date), optionally one city (its code), and optionally a shorter search.</summary>
public sealed record DayPlanInput(DateOnly? Date, string? ServiceArea, double? TimeLimitSeconds);
