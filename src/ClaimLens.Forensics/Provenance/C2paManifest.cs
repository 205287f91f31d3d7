namespace ClaimLens.Forensics.Provenance;

/// <summary>What one manifest of the store says and how much of it could be verified.</summary>
/// <param name="Label">The manifest's JUMBF label (a URN).</param>
/// <param name="ClaimGenerator">The software that wrote the claim (claim_generator or claim_generator_info).</param>
/// <param name="Title">The claim's dc:title.</param>
/// <param name="Signer">Common name (CN) of the signing certificate's subject.</param>
/// <param name="SignerOrganization">Organisation (O) of the signing certificate's subject.</param>
/// <param name="Issuer">Common name (or organisation) of the signing certificate's issuer.</param>
/// <param name="SignedAt">Time from the signature's RFC 3161 time-stamp token, ISO-8601; the token itself is not verified.</param>
/// <param name="SignatureAlgorithm">The COSE algorithm name, e.g. ES256.</param>
/// <param name="SignatureValid">True when the COSE signature over the claim verifies with the leaf
/// certificate's key, false when it does not, null when it could not be checked here (see <paramref name="SignatureNote"/>).</param>
/// <param name="SignatureNote">Why the signature is invalid or unverifiable; null when valid.</param>
/// <param name="AssertionHashesValid">True when every assertion the claim references is present with the hash the claim records.</param>
/// <param name="Actions">Actions from c2pa.actions / c2pa.actions.v2.</param>
/// <param name="DigitalSourceTypes">Every IPTC digital source type stated anywhere in the manifest's assertions.</param>
/// <param name="Ingredients">Declared ingredients.</param>
/// <param name="Problems">What was wrong or could not be read in this manifest.</param>
public sealed record C2paManifest(
    string Label,
    string? ClaimGenerator,
    string? Title,
    string? Signer,
    string? SignerOrganization,
    string? Issuer,
    string? SignedAt,
    string? SignatureAlgorithm,
    bool? SignatureValid,
    string? SignatureNote,
    bool AssertionHashesValid,
    IReadOnlyList<C2paAction> Actions,
    IReadOnlyList<string> DigitalSourceTypes,
    IReadOnlyList<C2paIngredient> Ingredients,
    IReadOnlyList<string> Problems);
