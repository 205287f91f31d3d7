namespace ClaimLens.Web.Repairs.Work;

public sealed record PartInput(string? Code, string? Name, IReadOnlyList<string>? Brands, long? PriceFen, bool? Active);
