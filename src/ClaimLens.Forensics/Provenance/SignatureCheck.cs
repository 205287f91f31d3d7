namespace ClaimLens.Forensics.Provenance;

/// <summary>The outcome of checking one claim signature, with the signer read from its certificate.</summary>
internal sealed record SignatureCheck(
    bool? Valid,
    string? Note,
    string? Algorithm,
    string? Signer,
    string? SignerOrganization,
    string? Issuer,
    string? SignedAt);
