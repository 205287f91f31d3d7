using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Provenance;

/// <summary>The outcome of <see cref="C2paInspector.Inspect"/>.</summary>
/// <param name="Found">True when the file carries a C2PA manifest store (even a broken one).</param>
/// <param name="Findings">c2pa_manifest, c2pa_ai_generated and c2pa_signature_invalid findings.</param>
/// <param name="Problems">Everything that was malformed or could not be checked, in plain words.</param>
/// <param name="Manifests">The manifests in store order; the active one is last.</param>
/// <param name="HardBindingValid">True when the active manifest's hash of the file matches, false when it
/// does not, null when it could not be checked (no binding, or a kind this reader does not verify).</param>
public sealed record C2paReport(
    bool Found,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> Problems,
    IReadOnlyList<C2paManifest> Manifests,
    bool? HardBindingValid)
{
    /// <summary>Nothing found: the file has no Content Credentials.</summary>
    public static C2paReport None { get; } = new(false, [], [], [], null);

    /// <summary>The active (most recent) manifest, or null.</summary>
    public C2paManifest? ActiveManifest => Manifests.Count > 0 ? Manifests[^1] : null;
}
