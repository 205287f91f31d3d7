using ClaimLens.Web.Accounts;
using ClaimLens.Web.Regions;

namespace ClaimLens.Web.Repairs;

/// <summary>A request as the tenant's staff see it: the phone masked (revealing it is a separate, audited call).</summary>
public sealed record ServiceRequestDto(
    Guid Id, string Status, string Brand, string ProductType, string? Model, string Fault, AddressDto Address, string Name,
    string Phone, IReadOnlyList<TimeWindowInput> PreferredWindows, string Channel, Guid? TechnicianId, DateTimeOffset CreatedAt,
    DateTimeOffset ResponseDueAt, DateTimeOffset? AcceptedAt, string ResponseTarget, OfferDto? Offer, string FaultType, string? SerialNumber,
    DateTimeOffset? CompletedAt, DateTimeOffset? WarrantyUntil, Guid? WarrantyOfRequestId, bool Free)
{
    public static ServiceRequestDto From(ServiceRequest r, PersonalData personal, RegionIndex regions, DispatchOffer? offer)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(personal);
        ArgumentNullException.ThrowIfNull(regions);
        string Named(string code) => regions.TryFind(code, out var id) ? regions.Name(id) : code;
        var address = new AddressDto(r.ProvinceCode, r.CityCode, r.CountyCode, r.TownCode, personal.Unprotect(r.StreetProtected),
            string.Concat(Named(r.ProvinceCode), Named(r.CityCode), Named(r.CountyCode), Named(r.TownCode)));
        return new ServiceRequestDto(r.Id, RepairStateMachine.Name(r.Status), r.Brand, r.ProductType, r.Model, r.Fault, address,
            personal.Unprotect(r.NameProtected), PersonalData.MaskPhone(personal.Unprotect(r.PhoneProtected)),
            r.PreferredWindows.Select(w => new TimeWindowInput(w.From, w.To)).ToList(), r.Channel.ToString().ToLowerInvariant(), r.TechnicianId,
            r.CreatedAt, r.ResponseDueAt, r.AcceptedAt, Target(r.ResponseMet), offer is null ? null : OfferDto.From(offer), r.FaultType, r.SerialNumber,
            r.CompletedAt, r.WarrantyUntil, r.WarrantyOfRequestId, r.Free);
    }

    public static string Target(bool? met) => met switch { true => "met", false => "missed", null => "pending" };
}
