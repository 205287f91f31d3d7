using System.Security.Cryptography;

namespace ClaimLens.Forensics.Provenance;

/// <summary>The hash algorithms C2PA names ("sha256", "sha384", "sha512").</summary>
internal static class C2paHash
{
    public static HashAlgorithmName? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        null or "sha256" => HashAlgorithmName.SHA256,
        "sha384" => HashAlgorithmName.SHA384,
        "sha512" => HashAlgorithmName.SHA512,
        _ => null,
    };

    public static byte[] Hash(HashAlgorithmName algorithm, ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }
}
