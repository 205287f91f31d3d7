namespace ClaimLens.Web.Regions;

/// <summary>The four levels of the division data: 省 province (2-digit code), 市 city (4), 区县 county or district
/// (6), 乡镇街道 town or street office (9).</summary>
public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Town = 4,
}
