using System.Globalization;
using System.Numerics;

namespace ClaimLens.Forensics.Reuse;

/// <summary>A 128-bit perceptual fingerprint: similar pictures have fingerprints a small Hamming distance apart.</summary>
/// <param name="Value">64-bit DCT hash (pHash): bit i is set when low-frequency DCT coefficient i is above the
/// median. The index searches on these bits.</param>
/// <param name="Detail">64-bit gradient hash (dHash) of the same window. The index uses it to confirm candidates:
/// 64 bits alone collide too often among millions of photos.</param>
public readonly record struct PerceptualHash(ulong Value, ulong Detail)
{
    /// <summary>Number of bits in each half.</summary>
    public const int Bits = 64;

    /// <summary>Hamming distance (0..128) over both halves.</summary>
    public int DistanceTo(PerceptualHash other) =>
        BitOperations.PopCount(Value ^ other.Value) + BitOperations.PopCount(Detail ^ other.Detail);

    /// <summary>Hamming distance (0..64) of the <see cref="Value"/> halves only.</summary>
    public int ValueDistanceTo(PerceptualHash other) => BitOperations.PopCount(Value ^ other.Value);

    /// <summary>The fingerprint as 32 lower-case hex digits, <see cref="Value"/> first.</summary>
    public override string ToString() =>
        Value.ToString("x16", CultureInfo.InvariantCulture) + Detail.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Parses 32 hex digits as written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">Not 32 hex digits.</exception>
    public static PerceptualHash Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 32
            || !ulong.TryParse(text.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            || !ulong.TryParse(text.AsSpan(16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var detail))
            throw new FormatException($"a perceptual fingerprint is 32 hex digits, not \"{text}\"");
        return new PerceptualHash(value, detail);
    }
}
