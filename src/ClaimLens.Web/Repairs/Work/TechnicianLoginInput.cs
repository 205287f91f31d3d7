namespace ClaimLens.Web.Repairs.Work;

/// <summary>The user name to give a technician's sign-in; a generated one when null.</summary>
public sealed record TechnicianLoginInput(string? UserName);
