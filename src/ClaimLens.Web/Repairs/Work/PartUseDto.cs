namespace ClaimLens.Web.Repairs.Work;

public sealed record PartUseDto(string Code, string Name, int Quantity, long UnitPriceFen);
