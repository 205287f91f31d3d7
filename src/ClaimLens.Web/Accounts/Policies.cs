namespace ClaimLens.Web.Accounts;

/// <summary>Authorization policy names used by the endpoints.</summary>
public static class Policies
{
    public const string Merchant = "merchant";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";
}
