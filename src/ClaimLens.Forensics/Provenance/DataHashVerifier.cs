using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ClaimLens.Forensics.Provenance;

/// <summary>Checks a <c>c2pa.hash.data</c> hard binding: the hash of the file's bytes with the exclusion
/// ranges (where the manifest store itself sits) left out.</summary>
internal static class DataHashVerifier
{
    private const int MaxExclusions = 1_000;

    /// <summary>True on a match, false on a mismatch (with the reason), null when it cannot be checked.</summary>
    public static (bool? Valid, string? Note) Verify(JsonNode dataHash, string? claimAlgorithm, ReadOnlySpan<byte> file)
    {
        var expected = CborJson.Bytes(dataHash, "hash");
        if (expected is null)
            return (false, "c2pa.hash.data has no hash value");
        var algName = CborJson.Text(dataHash, "alg") ?? claimAlgorithm;
        if (C2paHash.Parse(algName) is not { } algorithm)
            return (null, $"c2pa.hash.data uses hash algorithm '{algName}', which is not verified here");

        var ranges = new List<(long Start, long Length)>();
        if (dataHash["exclusions"] is JsonArray exclusions)
        {
            if (exclusions.Count > MaxExclusions)
                return (false, $"c2pa.hash.data lists {exclusions.Count} exclusions");
            foreach (var e in exclusions)
            {
                var start = CborJson.Integer(e, "start");
                var length = CborJson.Integer(e, "length");
                if (start is null || length is null)
                    return (false, "c2pa.hash.data has an exclusion without start/length");
                if (start.Value > file.Length || length.Value > file.Length - start.Value)
                    return (false, $"c2pa.hash.data excludes bytes {start}..{start + length}, past the end of the {file.Length}-byte file");
                ranges.Add((start.Value, length.Value));
            }
        }
        ranges.Sort(static (a, b) => a.Start.CompareTo(b.Start));

        using var hash = IncrementalHash.CreateHash(algorithm);
        long at = 0;
        foreach (var (start, length) in ranges)
        {
            if (start > at)
                hash.AppendData(file[(int)at..(int)start]);
            at = Math.Max(at, start + length);
        }
        if (at < file.Length)
            hash.AppendData(file[(int)at..]);
        var actual = hash.GetHashAndReset();
        return CryptographicOperations.FixedTimeEquals(actual, expected)
            ? (true, null)
            : (false, "the file's bytes do not match the c2pa.hash.data hash: the image was changed after it was signed");
    }
}
