namespace ClaimLens.Web.Accounts;

/// <summary>What a caller may do. Stored as text so a database reader can follow it; also the Identity role names.</summary>
public enum Role
{
    /// <summary>A merchant's system or staff: its own catalogue, orders, claims and responses.</summary>
    Merchant,

    /// <summary>Decides claims: of one merchant when the key is bound to one, of every merchant otherwise.</summary>
    Reviewer,

    /// <summary>Everything, including the audit chain and tenants.</summary>
    Admin,

    /// <summary>A buyer with an account: files claims and follows them. Buyers without one use the order link.</summary>
    Buyer,

    /// <summary>A field technician of a repair tenant: sees and works only the jobs offered to or held by them.</summary>
    Technician,
}
