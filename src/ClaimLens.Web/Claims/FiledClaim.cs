namespace ClaimLens.Web.Claims;

public sealed record FiledClaim(Guid Id, string Status);
