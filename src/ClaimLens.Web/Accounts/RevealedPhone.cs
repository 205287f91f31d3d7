namespace ClaimLens.Web.Accounts;

public sealed record RevealedPhone(string Phone);
