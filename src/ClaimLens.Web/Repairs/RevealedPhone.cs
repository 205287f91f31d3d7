namespace ClaimLens.Web.Repairs;

public sealed record RevealedPhone(string Phone);
