using System.Globalization;
using System.Numerics;

namespace ClaimLens.Forensics.Reuse;

/// <summary>A 64-bit DCT perceptual hash (pHash): similar pictures have hashes a small Hamming distance apart.</summary>
/// <param name="Value">The 64 bits; bit i is set when low-frequency DCT coefficient i is above the median.</param>
public readonly record struct PerceptualHash(ulong Value)
{
    /// <summary>Number of bits in the hash.</summary>
    public const int Bits = 64;

    /// <summary>Hamming distance (0..64) to <paramref name="other"/>.</summary>
    public int DistanceTo(PerceptualHash other) => BitOperations.PopCount(Value ^ other.Value);

    /// <summary>The hash as 16 lower-case hex digits.</summary>
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Parses 16 hex digits as written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">Not 16 hex digits.</exception>
    public static PerceptualHash Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 16 || !ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"a perceptual hash is 16 hex digits, not \"{text}\"");
        return new PerceptualHash(value);
    }
}
