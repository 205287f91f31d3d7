using ClaimLens.Forensics.Imaging;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests;

/// <summary>Mutates bytes of real and generated files (bit flips, overwritten runs, truncations, inserted
/// garbage) and runs the whole engine on each: the only exception allowed out is
/// <see cref="ImageLoadException"/>. A crash, an access violation or any other exception fails the test.</summary>
public sealed class GremlinTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string> { "generated.jpg", "generated.png", "generated.webp" };
        foreach (var name in new[] { "photos/Apple_iPhone_6.jpg", "photos/Canon_EOS_450D.jpg", "photos/Issue_308.jpg", "c2pa/CA.jpg", "c2pa/E-sig-CA.jpg", "c2pa/sample1.png", "photos/Multiple_ICC_segments.jpg" })
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Analyze_MutatedFile_OnlyImageLoadExceptionEscapes(string name)
    {
        var original = Load(name);
        if (original is null)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }
        var rng = new Random(name.GetHashCode(StringComparison.Ordinal) & 0x7FFF);
        var (analysed, refused) = (0, 0);
        for (var trial = 0; trial < 40; trial++)
        {
            var mutated = Mutate(original, rng, trial);
            try
            {
                using var result = EvidenceAnalyzer.Analyze(mutated, new AnalysisOptions());
                Assert.InRange(result.Report.Risk, 0, 100);
                analysed++;
            }
            catch (ImageLoadException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                refused++;
            }
        }
        output.WriteLine($"{name}: {analysed} analysed, {refused} refused with a message");
    }

    private static byte[] Mutate(byte[] original, Random rng, int trial)
    {
        var bytes = (byte[])original.Clone();
        switch (trial % 4)
        {
            case 0: // flip single bits, mostly in the first 64 KB where headers and metadata live
                for (var i = 0; i < 1 + rng.Next(8); i++)
                {
                    var at = rng.Next(Math.Min(bytes.Length, 65536));
                    bytes[at] ^= (byte)(1 << rng.Next(8));
                }
                return bytes;
            case 1: // overwrite a run with 0xFF or random bytes (fake markers, huge lengths)
                {
                    var at = rng.Next(Math.Min(bytes.Length, 65536));
                    var run = Math.Min(bytes.Length - at, 1 + rng.Next(64));
                    for (var i = 0; i < run; i++)
                        bytes[at + i] = rng.Next(2) == 0 ? (byte)0xFF : (byte)rng.Next(256);
                    return bytes;
                }
            case 2: // truncate anywhere
                return bytes[..rng.Next(bytes.Length)];
            default: // insert garbage in the middle
                {
                    var at = rng.Next(bytes.Length);
                    var garbage = new byte[1 + rng.Next(256)];
                    rng.NextBytes(garbage);
                    return [.. bytes[..at], .. garbage, .. bytes[at..]];
                }
        }
    }

    private static byte[]? Load(string name) => name switch
    {
        "generated.jpg" => SyntheticImages.Jpeg(320, 240),
        "generated.png" => SyntheticImages.Png(320, 240),
        "generated.webp" => EncodeWebP(),
        _ => TestData.Find(name) is { } path ? File.ReadAllBytes(path) : null,
    };

    private static byte[] EncodeWebP()
    {
        using var scene = SyntheticImages.Scene(320, 240);
        return scene.ImEncode(".webp");
    }
}
