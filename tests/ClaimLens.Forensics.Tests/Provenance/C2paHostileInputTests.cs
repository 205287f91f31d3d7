using System.Buffers.Binary;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Provenance;
using ClaimLens.Forensics.Report;
using Xunit.Abstractions;
using static ClaimLens.Forensics.Tests.Provenance.C2paTestBuilder;

namespace ClaimLens.Forensics.Tests.Provenance;

/// <summary>Broken and hostile manifests: each must give a problem or "nothing found", never an exception.</summary>
public sealed class C2paHostileInputTests(ITestOutputHelper output)
{
    private static C2paReport InspectJpeg(byte[] file) => C2paInspector.Inspect(file, ImageFormat.Jpeg);

    [Fact]
    public void Parse_BoxLengthPastEnd_RecordsProblem()
    {
        // A 'jumb' box declaring 1,000,000 bytes inside a 40-byte buffer.
        var box = Superbox("c2pa", "c2pa");
        BinaryPrimitives.WriteUInt32BigEndian(box, 1_000_000);
        var problems = new List<string>();

        var top = JumbfReader.Parse(box, problems);

        Assert.Empty(top);
        Assert.Contains(problems, p => p.Contains("declares 1000000 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_StoreWhoseManifestLengthRunsPastEnd_ReportsUnusableWithoutThrowing()
    {
        var store = Store(Manifest(Signing.EcdsaP256, DataHash(2, 0, new byte[32])));
        // The manifest superbox starts after the store's own header (8) and description box.
        var manifestAt = 8 + BinaryPrimitives.ReadInt32BigEndian(store.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(store.AsSpan(manifestAt), 0x7FFF_FFF0);

        var report = InspectJpeg(InsertApp11(Jpeg(), [store], 65_000));

        Assert.True(report.Found);
        Assert.Contains(report.Problems, p => p.Contains("declares", StringComparison.Ordinal));
        Assert.Equal(0.6, report.Findings.Single(f => f.Code == FindingCodes.C2paSignatureInvalid).Confidence);
    }

    [Theory]
    [InlineData(0u)] // LBox 0: the box runs to the end of its container
    [InlineData(1u)] // LBox 1: the real length follows as a 64-bit XLBox
    public void Parse_LBoxZeroOrExtended_ReadsBox(uint lbox)
    {
        var inner = Box("json", "{\"a\":1}"u8.ToArray());
        byte[] content = lbox == 0
            ? [0, 0, 0, 0, .. "json"u8, .. "{\"a\":1}"u8]
            : [0, 0, 0, 1, .. "json"u8, 0, 0, 0, 0, 0, 0, 0, (byte)(16 + 7), .. "{\"a\":1}"u8];
        var superbox = Superbox("cbor", "x", content);
        var problems = new List<string>();

        var box = Assert.Single(JumbfReader.Parse(superbox, problems));

        Assert.Empty(problems);
        Assert.Equal("{\"a\":1}"u8.ToArray(), box.Content("json")!.Data.ToArray());
        Assert.Equal(inner.Length - 8, box.Content("json")!.Data.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 1, (byte)'j', (byte)'s', (byte)'o', (byte)'n', 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })] // XLBox 2^64-1
    [InlineData(new byte[] { 0, 0, 0, 1, (byte)'j', (byte)'s', (byte)'o', (byte)'n', 0, 0, 0, 0 })] // XLBox cut short
    [InlineData(new byte[] { 0, 0, 0, 5, (byte)'j', (byte)'s', (byte)'o', (byte)'n' })] // LBox smaller than its header
    [InlineData(new byte[] { 0, 0, 0, 9 })] // header cut short
    public void Parse_ImpossibleLengths_RecordsProblem(byte[] content)
    {
        var problems = new List<string>();

        JumbfReader.Parse(Superbox("cbor", "x", content), problems);

        Assert.NotEmpty(problems);
    }

    [Fact]
    public void Parse_SuperboxesNested200Deep_StopsAtDepthLimit()
    {
        var box = Superbox("c2pa", "leaf");
        for (var i = 0; i < 200; i++)
            box = Superbox("c2pa", "level", box);
        var problems = new List<string>();

        JumbfReader.Parse(box, problems);

        Assert.Contains(problems, p => p.Contains("deeper than", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_CborNested10000DeepInAssertion_RecordsProblem()
    {
        var deep = new byte[10_001];
        Array.Fill(deep, (byte)0x81); // array(1) of array(1) of ...
        deep[^1] = 0x00;
        var report = InspectJpeg(SignedJpeg(Jpeg(), Signing.EcdsaP256, ("org.test.deep", deep)));

        Assert.True(report.Found);
        Assert.Contains(report.Problems, p => p.Contains("nests deeper than", StringComparison.Ordinal));
        Assert.True(report.ActiveManifest!.SignatureValid); // the rest of the manifest is still read
    }

    [Fact]
    public void Inspect_CborDeclaringHugeByteString_RecordsProblem()
    {
        // Byte string whose 8-byte length says 2^62 bytes follow.
        byte[] huge = [0x5B, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3];
        var report = InspectJpeg(SignedJpeg(Jpeg(), Signing.EcdsaP256, ("org.test.huge", huge)));

        Assert.Contains(report.Problems, p => p.Contains("org.test.huge", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_App11SegmentLengthPastEndOfFile_RecordsProblem()
    {
        var jpeg = Jpeg();
        byte[] file = [.. jpeg.AsSpan(0, 2), 0xFF, 0xEB, 0xFF, 0xF0, .. "JP"u8, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0x20, .. "jumb"u8];

        var report = InspectJpeg(file);

        Assert.False(report.Found);
        Assert.Contains(report.Problems, p => p.Contains("APP11", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_PngCaBxLengthPastEnd_RecordsProblem()
    {
        var file = InsertPngChunk(Png(), "caBX", Store());
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(33), 0x7FFF_0000);

        var report = C2paInspector.Inspect(file, ImageFormat.Png);

        Assert.False(report.Found);
        Assert.Contains(report.Problems, p => p.Contains("caBX", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_EveryTruncationOfSyntheticManifest_NeverThrows()
    {
        // Tried: the signed file cut at every length from SOI to past the end of the APP11 segment.
        var file = SignedJpeg(Jpeg(), Signing.EcdsaP256, ("c2pa.actions", Actions("c2pa.created", "compositeSynthetic")));
        var segmentEnd = 4 + BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(4));
        for (var cut = 0; cut <= segmentEnd + 4; cut++)
            _ = InspectJpeg(file[..cut]);
    }

    [Fact]
    public void Inspect_FixtureManifestSegmentTruncatedAtEveryStep_NeverThrows()
    {
        var path = TestData.Find("c2pa/C.jpg");
        if (path is null) { output.WriteLine(TestData.MissingMessage); return; }
        var file = File.ReadAllBytes(path);
        var (start, length) = FirstApp11(file);
        var rest = file.AsSpan(start + 2 + length).ToArray();
        // Tried: the segment's payload shortened to n bytes (its length field updated) with the rest of the file intact.
        var checkedCount = 0;
        for (var n = 0; n <= length - 2; n += n < 64 ? 1 : 29)
        {
            byte[] truncated = [.. file.AsSpan(0, start), 0xFF, 0xEB, (byte)((n + 2) >> 8), (byte)(n + 2), .. file.AsSpan(start + 4, n), .. rest];
            var report = InspectJpeg(truncated);
            Assert.NotNull(report);
            checkedCount++;
        }
        output.WriteLine($"{checkedCount} truncations of a {length}-byte segment inspected");
        Assert.True(checkedCount > 1000);
    }

    [Fact]
    public void Inspect_FixtureWithRandomByteFlipsInManifest_NeverThrows()
    {
        var path = TestData.Find("c2pa/CACA.jpg");
        if (path is null) { output.WriteLine(TestData.MissingMessage); return; }
        var original = File.ReadAllBytes(path);
        var (start, length) = FirstApp11(original);
        var random = new Random(20261122);
        // Tried: 600 copies, each with 1-4 random bytes of the first APP11 segment overwritten.
        for (var i = 0; i < 600; i++)
        {
            var file = (byte[])original.Clone();
            for (var k = random.Next(1, 5); k > 0; k--)
                file[start + 4 + random.Next(length - 2)] = (byte)random.Next(256);
            var report = InspectJpeg(file);
            Assert.Equal(report.Found, report.Findings.Count > 0);
        }
    }

    [Fact]
    public void Inspect_FixtureClaimByteFlipped_SignatureInvalid()
    {
        var path = TestData.Find("c2pa/C.jpg");
        if (path is null) { output.WriteLine(TestData.MissingMessage); return; }
        var file = File.ReadAllBytes(path);
        var claimAt = file.AsSpan().IndexOf("c2pa.claim"u8);
        var generatorAt = claimAt + file.AsSpan(claimAt).IndexOf("make_test_images"u8);
        Assert.True(generatorAt > claimAt);
        file[generatorAt] = (byte)'M'; // a text byte inside the signed claim CBOR

        var report = InspectJpeg(file);

        Assert.False(report.ActiveManifest!.SignatureValid);
        Assert.True(report.Findings.Single(f => f.Code == FindingCodes.C2paSignatureInvalid).Confidence >= 0.9);
    }

    [Fact]
    public void Inspect_FixtureImageByteFlipped_HardBindingInvalid()
    {
        var path = TestData.Find("c2pa/C.jpg");
        if (path is null) { output.WriteLine(TestData.MissingMessage); return; }
        var file = File.ReadAllBytes(path);
        file[^100] ^= 0x01; // entropy-coded data near the end, outside the APP11 exclusion

        var report = InspectJpeg(file);

        Assert.True(report.ActiveManifest!.SignatureValid);
        Assert.False(report.HardBindingValid);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.C2paSignatureInvalid);
    }

    private static (int Start, int Length) FirstApp11(byte[] file)
    {
        for (var i = 2; i + 4 < file.Length; i++)
        {
            if (file[i] == 0xFF && file[i + 1] == 0xEB)
                return (i, BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(i + 2)));
        }
        throw new InvalidOperationException("no APP11 segment");
    }
}
