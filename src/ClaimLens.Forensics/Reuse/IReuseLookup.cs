namespace ClaimLens.Forensics.Reuse;

/// <summary>Where the analyzer looks for earlier evidence: the CLI's <see cref="ReuseIndexFile"/>, or the web
/// desk's index of every claim photo of the deployment.</summary>
public interface IReuseLookup
{
    /// <summary>Earlier fingerprints near any of <paramref name="probes"/>, nearest first.</summary>
    IReadOnlyList<ReuseMatch> Find(IReadOnlyList<PerceptualHash> probes, int maxResults);

    /// <summary>Where a matched fingerprint came from, in words a reviewer can follow (a path, a claim id).</summary>
    string Describe(long key);
}
