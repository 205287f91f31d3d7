namespace ClaimLens.Web.Repairs.Authorised;

/// <summary>The public answer: is this number a desk tenant's, and is that tenant authorised for the brand.</summary>
public sealed record AuthorisedAnswer(string Phone, string Brand, bool Authorised, string? Tenant, string Message, string MessageZh);
