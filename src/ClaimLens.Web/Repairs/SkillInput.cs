namespace ClaimLens.Web.Repairs;

public sealed record SkillInput(string? Brand, string? ProductType);
