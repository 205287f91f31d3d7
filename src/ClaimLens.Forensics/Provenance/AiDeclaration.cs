namespace ClaimLens.Forensics.Provenance;

/// <summary>Where a manifest declares AI-generated content.</summary>
/// <param name="Manifest">The manifest's label.</param>
/// <param name="Assertion">The assertion that says it (e.g. c2pa.actions.v2).</param>
/// <param name="Action">The action carrying the source type, when it sits in one.</param>
/// <param name="SourceType">The IPTC digital source type as written.</param>
internal sealed record AiDeclaration(string Manifest, string Assertion, string? Action, string SourceType);
