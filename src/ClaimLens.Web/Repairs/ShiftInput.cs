namespace ClaimLens.Web.Repairs;

public sealed record ShiftInput(string? Day, string? Start, string? End);
