namespace ClaimLens.Web.Repairs.Work;

public sealed record PartUseInput(string? Code, int? Quantity);
