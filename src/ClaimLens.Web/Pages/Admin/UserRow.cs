namespace ClaimLens.Web.Pages.Admin;

/// <summary>A person who signs in, as the users page lists them.</summary>
public sealed record UserRow(Guid Id, string UserName, string DisplayName, string? Role, Guid? MerchantId, string? Merchant, bool Locked,
    DateTimeOffset CreatedAt);
