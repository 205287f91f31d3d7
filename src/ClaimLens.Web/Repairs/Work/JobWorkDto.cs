namespace ClaimLens.Web.Repairs.Work;

/// <summary>A job's work record as the API returns it.</summary>
public sealed record JobWorkDto(
    Guid RequestId, DateTimeOffset? DepartedAt, DateTimeOffset? ArrivedAt, double? ArrivedLatitude, double? ArrivedLongitude,
    IReadOnlyList<PartUseDto> Parts, long PartsTotalFen, bool Signed, DateTimeOffset? SignedAt)
{
    public static JobWorkDto From(Guid requestId, JobRecord? r) =>
        r is null
            ? new JobWorkDto(requestId, null, null, null, null, [], 0, false, null)
            : new JobWorkDto(r.RequestId, r.DepartedAt, r.ArrivedAt, r.ArrivedLatitude, r.ArrivedLongitude,
                r.Parts.Select(p => new PartUseDto(p.Code, p.Name, p.Quantity, p.UnitPriceFen)).ToList(),
                r.Parts.Sum(p => p.UnitPriceFen * p.Quantity), r.SignatureSha256 is not null, r.SignedAt);
}
