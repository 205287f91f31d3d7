namespace ClaimLens.Web.Repairs;

public sealed record TimeWindowInput(DateTimeOffset From, DateTimeOffset To);
