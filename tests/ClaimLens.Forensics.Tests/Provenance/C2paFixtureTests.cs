using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Provenance;
using ClaimLens.Forensics.Report;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Provenance;

/// <summary>The c2pa-rs test assets in ../shared/data/c2pa. What each one holds was printed once by
/// <see cref="Inspect_AllFixtures_PrintsWhatTheyContain"/> and is asserted below.</summary>
public sealed class C2paFixtureTests(ITestOutputHelper output)
{
    private byte[]? Load(string name)
    {
        var path = TestData.Find("c2pa/" + name);
        if (path is null)
            output.WriteLine(TestData.MissingMessage);
        return path is null ? null : File.ReadAllBytes(path);
    }

    private static C2paReport Inspect(byte[] file) => C2paInspector.Inspect(file, ImageSniffer.Sniff(file).Format);

    private static Finding? Code(C2paReport report, string code) => report.Findings.FirstOrDefault(f => f.Code == code);

    [Fact]
    public void Inspect_AllFixtures_PrintsWhatTheyContain()
    {
        if (TestData.Find("c2pa/C.jpg") is null) { output.WriteLine(TestData.MissingMessage); return; }
        foreach (var path in Directory.GetFiles(Path.Combine(TestData.SharedData!, "c2pa")).Order(StringComparer.Ordinal))
        {
            var report = Inspect(File.ReadAllBytes(path));
            output.WriteLine($"== {Path.GetFileName(path)} found={report.Found} binding={report.HardBindingValid}");
            foreach (var p in report.Problems) output.WriteLine("  problem: " + p);
            foreach (var f in report.Findings)
                output.WriteLine($"  {f.Code} {f.Severity} {f.Confidence}\n    {f.Summary.En}\n    {f.Summary.Zh}\n    {f.Details.ToJsonString()}");
        }
        Assert.True(Inspect(File.ReadAllBytes(TestData.Find("c2pa/C.jpg")!)).Found);
    }

    // C: created; CA: C opened and colour-adjusted with ingredient A; CACA: CA edited again (two manifests,
    // v2 claims, RFC 3161 time-stamps); boxhash: old c2pa-rs 0.3.0 with text "x5chain" label and ES256.
    [Theory]
    [InlineData("C.jpg", 1, "PS256")]
    [InlineData("CA.jpg", 1, "PS256")]
    [InlineData("CACA.jpg", 2, "PS256")]
    [InlineData("boxhash.jpg", 1, "ES256")]
    public void Inspect_ValidFixture_ReadsSignerAndVerifies(string name, int manifests, string algorithm)
    {
        if (Load(name) is not { } file) return;

        var report = Inspect(file);

        Assert.True(report.Found);
        Assert.Equal(manifests, report.Manifests.Count);
        foreach (var m in report.Manifests)
        {
            Assert.Equal("C2PA Signer", m.Signer);
            Assert.Equal("C2PA Test Signing Cert", m.SignerOrganization);
            Assert.Equal("Intermediate CA", m.Issuer);
            Assert.StartsWith("make_test_images/", m.ClaimGenerator, StringComparison.Ordinal);
            Assert.Equal(algorithm, m.SignatureAlgorithm);
            Assert.True(m.SignatureValid, m.SignatureNote);
            Assert.True(m.AssertionHashesValid, string.Join("; ", m.Problems));
        }
        Assert.True(report.HardBindingValid);
        Assert.Null(Code(report, FindingCodes.C2paSignatureInvalid));
        Assert.Null(Code(report, FindingCodes.C2paAiGenerated));
        var summary = Code(report, FindingCodes.C2paManifest)!;
        Assert.Contains("C2PA Signer", summary.Summary.En, StringComparison.Ordinal);
        Assert.Contains("C2PA Signer", summary.Summary.Zh, StringComparison.Ordinal);
        Assert.True(summary.Details["signatureValid"]!.GetValue<bool>());
    }

    [Fact]
    public void Inspect_C_CreatedWithAlgorithmicMedia_IsNotAiGenerated()
    {
        if (Load("C.jpg") is not { } file) return;

        var m = Assert.Single(Inspect(file).Manifests);

        var action = Assert.Single(m.Actions);
        Assert.Equal("c2pa.created", action.Action);
        Assert.Equal("Make Test Images 0.33.1", action.SoftwareAgent);
        // algorithmicMedia is "pure algorithm, no training data" in the IPTC list: not a generative model.
        Assert.Equal("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia", action.DigitalSourceType);
        Assert.Equal("C.jpg", m.Title);
    }

    [Fact]
    public void Inspect_CACA_ChainsIngredientManifestAndReadsTimestamps()
    {
        if (Load("CACA.jpg") is not { } file) return;

        var report = Inspect(file);

        var (first, active) = (report.Manifests[0], report.ActiveManifest!);
        Assert.Equal(first.Label, Assert.Single(active.Ingredients).ManifestLabel);
        Assert.Equal("parentOf", active.Ingredients[0].Relationship);
        Assert.Equal("2025-10-16T17:31:54Z", first.SignedAt);
        Assert.Equal("2025-10-16T17:31:55Z", active.SignedAt);
        Assert.Equal(["c2pa.opened", "c2pa.color_adjustments"], active.Actions.Select(a => a.Action));
    }

    [Fact]
    public void Inspect_ESigCA_ClaimAlteredAfterSigning_SignatureInvalid()
    {
        if (Load("E-sig-CA.jpg") is not { } file) return;

        var report = Inspect(file);

        // The claim generator was rewritten to "make_test_xxxxxx" after signing: the COSE signature fails
        // while the image bytes (hard binding) still match.
        var m = Assert.Single(report.Manifests);
        Assert.StartsWith("make_test_xxxxxx/", m.ClaimGenerator, StringComparison.Ordinal);
        Assert.False(m.SignatureValid);
        Assert.True(report.HardBindingValid);
        var invalid = Code(report, FindingCodes.C2paSignatureInvalid)!;
        Assert.Equal(Severity.High, invalid.Severity);
        Assert.True(invalid.Confidence >= RiskModel.StrongConfidence);
    }

    [Fact]
    public void Inspect_XCA_ImageAlteredAfterSigning_HardBindingInvalid()
    {
        if (Load("XCA.jpg") is not { } file) return;

        var report = Inspect(file);

        // XCA is CA.jpg with its image data changed after signing ("X"): the manifest itself verifies, the
        // c2pa.hash.data binding does not. So it is NOT one of the valid fixtures.
        var m = Assert.Single(report.Manifests);
        Assert.True(m.SignatureValid);
        Assert.Equal("C2PA Signer", m.Signer);
        Assert.False(report.HardBindingValid);
        var invalid = Code(report, FindingCodes.C2paSignatureInvalid)!;
        Assert.True(invalid.Confidence >= RiskModel.StrongConfidence);
        Assert.False(invalid.Details["hardBindingValid"]!.GetValue<bool>());
    }

    [Fact]
    public void Inspect_CIESigCA_OnlyIngredientSignatureFails_ReportedBelowStrongBand()
    {
        if (Load("CIE-sig-CA.jpg") is not { } file) return;

        var report = Inspect(file);

        // The active manifest placed E-sig-CA.jpg as a component; that ingredient's own (tampered) manifest
        // travels in the store and fails verification. The active manifest and the binding are fine, so the
        // failure is reported, but only at "needs review" strength.
        Assert.Equal(2, report.Manifests.Count);
        var (ingredient, active) = (report.Manifests[0], report.ActiveManifest!);
        Assert.True(active.SignatureValid);
        Assert.Equal("C2PA Signer", active.Signer);
        Assert.StartsWith("make_test_images/", active.ClaimGenerator, StringComparison.Ordinal);
        Assert.Equal("E-sig-CA.jpg", Assert.Single(active.Ingredients).Title);
        Assert.Equal(ingredient.Label, active.Ingredients[0].ManifestLabel);
        Assert.False(ingredient.SignatureValid);
        Assert.True(report.HardBindingValid);
        var invalid = Code(report, FindingCodes.C2paSignatureInvalid)!;
        Assert.True(invalid.Confidence < RiskModel.StrongConfidence);
        Assert.False(invalid.Details["activeManifestFailed"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("no_manifest.jpg", ImageFormat.Jpeg)]
    [InlineData("libpng-test.png", ImageFormat.Png)]
    [InlineData("sample1.png", ImageFormat.Png)]
    public void Inspect_FileWithoutManifest_FindsNothing(string name, ImageFormat format)
    {
        if (Load(name) is not { } file) return;

        Assert.Equal(format, ImageSniffer.Sniff(file).Format);
        var report = Inspect(file);

        Assert.False(report.Found);
        Assert.Empty(report.Findings);
        Assert.Empty(report.Manifests);
    }
}
