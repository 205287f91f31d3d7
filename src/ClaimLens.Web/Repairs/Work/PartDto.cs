namespace ClaimLens.Web.Repairs.Work;

public sealed record PartDto(Guid Id, string Code, string Name, IReadOnlyList<string> Brands, long PriceFen, bool Active)
{
    public static PartDto From(Part p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new PartDto(p.Id, p.Code, p.Name, p.Brands, p.PriceFen, p.Active);
    }
}
