namespace ClaimLens.Web.Repairs;

/// <summary>The codes, the region names joined (省市区镇), and the street.</summary>
public sealed record AddressDto(string ProvinceCode, string CityCode, string CountyCode, string TownCode, string Street, string Regions);
