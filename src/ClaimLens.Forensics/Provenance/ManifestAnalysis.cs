using System.Text.Json.Nodes;

namespace ClaimLens.Forensics.Provenance;

/// <summary>One manifest as read and checked, plus what the inspector needs beyond the public record.</summary>
/// <param name="Manifest">The public record.</param>
/// <param name="HardBinding">The hard-binding assertion's label (c2pa.hash.data, c2pa.hash.boxes ...), if any.</param>
/// <param name="DataHash">The c2pa.hash.data assertion's content, when that is the binding.</param>
/// <param name="ClaimAlgorithm">The claim's default hash algorithm.</param>
/// <param name="AiDeclarations">Every place the manifest declares AI-generated content.</param>
internal sealed record ManifestAnalysis(
    C2paManifest Manifest,
    string? HardBinding,
    JsonNode? DataHash,
    string? ClaimAlgorithm,
    IReadOnlyList<AiDeclaration> AiDeclarations);
