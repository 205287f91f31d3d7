namespace ClaimLens.Web.Accounts;

/// <summary>Why the caller needs the full number (kept in the audit log).</summary>
public sealed record RevealInput(string? Reason);
