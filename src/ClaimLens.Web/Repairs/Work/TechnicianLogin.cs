namespace ClaimLens.Web.Repairs.Work;

/// <summary>A technician's sign-in: the password is shown this once (only its hash is kept).</summary>
public sealed record TechnicianLogin(Guid TechnicianId, string UserName, string Password, bool Created);
