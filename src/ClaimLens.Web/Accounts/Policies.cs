namespace ClaimLens.Web.Accounts;

/// <summary>Authorization policy names used by the endpoints.</summary>
public static class Policies
{
    public const string Merchant = "merchant";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    /// <summary>A signed-in repair technician (role, merchant and technician claims).</summary>
    public const string Technician = "technician";

    /// <summary>The job endpoints: the tenant's staff and systems, or the technician the job is offered to or held by.</summary>
    public const string RepairJob = "repair-job";
}
