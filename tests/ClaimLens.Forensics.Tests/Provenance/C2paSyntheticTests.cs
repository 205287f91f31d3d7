using System.Text.Json.Nodes;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Provenance;
using ClaimLens.Forensics.Report;
using static ClaimLens.Forensics.Tests.Provenance.C2paTestBuilder;

namespace ClaimLens.Forensics.Tests.Provenance;

/// <summary>Manifests built and signed by the test itself (no shared fixtures needed).</summary>
public sealed class C2paSyntheticTests
{
    private static C2paReport InspectJpeg(byte[] file) => C2paInspector.Inspect(file, ImageFormat.Jpeg);

    private static Finding? Code(C2paReport report, string code) => report.Findings.FirstOrDefault(f => f.Code == code);

    [Fact]
    public void Inspect_EcdsaSignedJpeg_VerifiesSignatureBindingAndReadsSigner()
    {
        var report = InspectJpeg(SignedJpeg(Jpeg(), Signing.EcdsaP256));

        Assert.True(report.Found);
        var m = Assert.Single(report.Manifests);
        Assert.Equal(ManifestLabel, m.Label);
        Assert.Equal("Test Signer", m.Signer);
        Assert.Equal("ClaimLens Tests", m.SignerOrganization);
        Assert.Equal("ClaimLens test builder/1.0", m.ClaimGenerator);
        Assert.Equal("ES256", m.SignatureAlgorithm);
        Assert.True(m.SignatureValid, m.SignatureNote);
        Assert.True(m.AssertionHashesValid, string.Join("; ", m.Problems));
        Assert.True(report.HardBindingValid, string.Join("; ", report.Problems));
        Assert.Null(Code(report, FindingCodes.C2paSignatureInvalid));
        var manifest = Code(report, FindingCodes.C2paManifest)!;
        Assert.Equal(Severity.Info, manifest.Severity);
        Assert.Equal("not_evaluated", manifest.Details["trust"]!.GetValue<string>());
        Assert.Contains("Test Signer", manifest.Summary.En, StringComparison.Ordinal);
        Assert.Contains("Test Signer", manifest.Summary.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_RsaPssSignedJpeg_Verifies()
    {
        var report = InspectJpeg(SignedJpeg(Jpeg(), Signing.RsaPss384));

        var m = Assert.Single(report.Manifests);
        Assert.Equal("PS384", m.SignatureAlgorithm);
        Assert.True(m.SignatureValid, m.SignatureNote);
        Assert.Null(Code(report, FindingCodes.C2paSignatureInvalid));
    }

    [Fact]
    public void Inspect_Ed25519Signature_IsNotVerifiableRatherThanInvalid()
    {
        var report = InspectJpeg(SignedJpeg(Jpeg(), Signing.Ed25519Placeholder));

        var m = Assert.Single(report.Manifests);
        Assert.Null(m.SignatureValid);
        Assert.Contains("not verifiable here", m.SignatureNote, StringComparison.Ordinal);
        Assert.Null(Code(report, FindingCodes.C2paSignatureInvalid));
        Assert.True(Code(report, FindingCodes.C2paManifest)!.Details["signatureValid"] is null);
    }

    [Fact]
    public void Inspect_SignedPngWithCaBxChunk_ReadsAndVerifies()
    {
        var report = C2paInspector.Inspect(SignedPng(Png(), Signing.EcdsaP256), ImageFormat.Png);

        Assert.True(report.Found);
        Assert.True(Assert.Single(report.Manifests).SignatureValid, string.Join("; ", report.Problems));
        Assert.True(report.HardBindingValid, string.Join("; ", report.Problems));
    }

    [Fact]
    public void Inspect_PixelByteChangedAfterSigning_HardBindingInvalid()
    {
        var file = SignedJpeg(Jpeg(), Signing.EcdsaP256);
        file[^10] ^= 0x5A; // inside the entropy-coded data, outside the excluded APP11 range

        var report = InspectJpeg(file);

        Assert.False(report.HardBindingValid);
        Assert.True(report.ActiveManifest!.SignatureValid);
        var invalid = Code(report, FindingCodes.C2paSignatureInvalid)!;
        Assert.Equal(Severity.High, invalid.Severity);
        Assert.False(invalid.Details["hardBindingValid"]!.GetValue<bool>());
    }

    [Fact]
    public void Inspect_ClaimTitleChangedAfterSigning_SignatureInvalid()
    {
        var file = SignedJpeg(Jpeg(), Signing.EcdsaP256);
        var at = IndexOf(file, "generated.jpg"u8);
        file[at] = (byte)'G'; // still valid CBOR text, but no longer the signed bytes

        var report = InspectJpeg(file);

        Assert.False(report.ActiveManifest!.SignatureValid);
        Assert.Equal("Generated.jpg", report.ActiveManifest.Title);
        Assert.True(Code(report, FindingCodes.C2paSignatureInvalid)!.Confidence >= 0.9);
    }

    [Fact]
    public void Inspect_AssertionChangedAfterSigning_AssertionHashMismatch()
    {
        var file = SignedJpeg(Jpeg(), Signing.EcdsaP256, ("c2pa.actions", Actions("c2pa.edited", "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture")));
        var at = IndexOf(file, "c2pa.edited"u8);
        file[at + 5] = (byte)'E';

        var report = InspectJpeg(file);

        Assert.True(report.ActiveManifest!.SignatureValid); // the claim itself is intact
        Assert.False(report.ActiveManifest.AssertionHashesValid);
        Assert.Contains(report.Problems, p => p.Contains("c2pa.actions does not match", StringComparison.Ordinal));
        Assert.NotNull(Code(report, FindingCodes.C2paSignatureInvalid));
    }

    [Theory]
    [InlineData("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")]
    [InlineData("https://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia")]
    [InlineData("compositeSynthetic")]
    public void Inspect_ActionDeclaresAiSourceType_ReportsAiGeneratedNamingManifestAndAction(string sourceType)
    {
        var report = InspectJpeg(SignedJpeg(Jpeg(), Signing.EcdsaP256, ("c2pa.actions.v2", Actions("c2pa.created", sourceType))));

        var ai = Code(report, FindingCodes.C2paAiGenerated)!;
        Assert.Equal(Severity.Critical, ai.Severity);
        var declaration = ai.Details["declarations"]!.AsArray()[0]!;
        Assert.Equal(ManifestLabel, declaration["manifest"]!.GetValue<string>());
        Assert.Equal("c2pa.created", declaration["action"]!.GetValue<string>());
        Assert.Equal("c2pa.actions.v2", declaration["assertion"]!.GetValue<string>());
        Assert.Contains("c2pa.created", ai.Summary.En, StringComparison.Ordinal);
        Assert.Contains("c2pa.created", ai.Summary.Zh, StringComparison.Ordinal);
        Assert.Contains(sourceType, report.ActiveManifest!.DigitalSourceTypes);
    }

    [Fact]
    public void Inspect_JsonIptcAssertionDeclaresAi_ReportsAiGenerated()
    {
        const string json = "{\"@context\":{\"Iptc4xmpExt\":\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\"},"
            + "\"Iptc4xmpExt:DigitalSourceType\":\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"}";
        var report = InspectJpeg(SignedJpegWithBoxes(Jpeg(), Signing.EcdsaP256, "c2pa.hash.data", ("stds.iptc", JsonAssertion("stds.iptc", json))));

        var ai = Code(report, FindingCodes.C2paAiGenerated)!;
        var declaration = ai.Details["declarations"]!.AsArray()[0]!;
        Assert.Equal("stds.iptc", declaration["assertion"]!.GetValue<string>());
        Assert.Null(declaration["action"]);
        Assert.Single(report.ActiveManifest!.DigitalSourceTypes);
        Assert.Null(Code(report, FindingCodes.C2paSignatureInvalid));
    }

    [Fact]
    public void Inspect_BoxesHashBinding_SaysNotVerifiedInsteadOfInvalid()
    {
        var report = InspectJpeg(SignedJpegWithBoxes(Jpeg(), Signing.EcdsaP256, "c2pa.hash.boxes"));

        Assert.True(report.ActiveManifest!.SignatureValid);
        Assert.Null(report.HardBindingValid);
        Assert.Contains(report.Problems, p => p.Contains("c2pa.hash.boxes is not verified here", StringComparison.Ordinal));
        Assert.Null(Code(report, FindingCodes.C2paSignatureInvalid));
        Assert.True(Code(report, FindingCodes.C2paManifest)!.Details["hardBindingValid"] is null);
    }

    [Fact]
    public void Inspect_BindingNotReferencedByClaim_IsIgnoredAndBindingInvalid()
    {
        // The data hash matches the file, but the signed claim does not vouch for it, so anyone could have added it.
        var report = InspectJpeg(SignedJpegWithUnreferencedBinding(Jpeg()));

        Assert.True(report.ActiveManifest!.SignatureValid);
        Assert.False(report.HardBindingValid);
        Assert.Contains(report.Problems, p => p.Contains("not covered by the signed claim", StringComparison.Ordinal));
        Assert.NotNull(Code(report, FindingCodes.C2paSignatureInvalid));
    }

    [Fact]
    public void Inspect_UnsignedManifestDeclaringAi_ReportsAiAndInvalid()
    {
        var report = InspectJpeg(SignedJpeg(Jpeg(), Signing.None,
            ("c2pa.actions", Actions("c2pa.created", "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"))));

        Assert.NotNull(Code(report, FindingCodes.C2paAiGenerated));
        Assert.False(report.ActiveManifest!.SignatureValid);
        Assert.NotNull(Code(report, FindingCodes.C2paSignatureInvalid));
    }

    [Theory]
    [InlineData("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia")]
    [InlineData("http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture")]
    [InlineData("http://example.com/trainedAlgorithmicMedia")]
    public void Inspect_NonAiSourceType_NoAiFinding(string sourceType)
    {
        var report = InspectJpeg(SignedJpeg(Jpeg(), Signing.EcdsaP256, ("c2pa.actions", Actions("c2pa.created", sourceType))));

        Assert.True(report.Found);
        Assert.Null(Code(report, FindingCodes.C2paAiGenerated));
    }

    [Fact]
    public void Inspect_StoreSplitOverManySegmentsAfterAnotherJumbfInstance_Reassembles()
    {
        // A 150 kB assertion forces three APP11 segments; a foreign JUMBF instance (signed over) follows them.
        var big = new byte[150_000];
        new Random(7).NextBytes(big);
        var w = new System.Formats.Cbor.CborWriter();
        w.WriteStartMap(1); w.WriteTextString("blob"); w.WriteByteString(big); w.WriteEndMap();
        var foreign = Superbox("xxxx", "not c2pa", Box("json", "{}"u8.ToArray()));
        var withForeign = InsertApp11(Jpeg(), [foreign], 65_000, firstInstance: 1);
        var file = SignedJpeg(withForeign, Signing.EcdsaP256, ("org.test.blob", w.Encode()));

        var report = InspectJpeg(file);

        Assert.True(IndexOf(file, "not c2pa"u8) > 0);
        var m = Assert.Single(report.Manifests);
        Assert.True(m.AssertionHashesValid, string.Join("; ", report.Problems));
        Assert.True(m.SignatureValid);
        Assert.True(report.HardBindingValid);
    }

    [Fact]
    public void Inspect_StoreWithXlBoxHeaderOverSeveralSegments_Reassembles()
    {
        var w = new System.Formats.Cbor.CborWriter();
        w.WriteStartMap(1); w.WriteTextString("blob"); w.WriteByteString(new byte[100_000]); w.WriteEndMap();
        var store = WithExtendedLength(Store(Manifest(Signing.EcdsaP256, DataHash(2, 0, new byte[32]), ("org.test.blob", w.Encode()))));
        var file = InsertApp11(Jpeg(), [store], 40_000);

        var report = InspectJpeg(file);

        var m = Assert.Single(report.Manifests);
        Assert.True(m.SignatureValid);
        Assert.True(m.AssertionHashesValid, string.Join("; ", report.Problems));
        Assert.False(report.HardBindingValid); // the placeholder binding never matched this file
    }

    [Fact]
    public void Inspect_StoreHeaderDamaged_ReportsUnusableCredentials()
    {
        var store = Store(Manifest(Signing.EcdsaP256, DataHash(2, 0, new byte[32])));
        store[4] = (byte)'X'; // 'jumb' -> 'Xumb'

        var report = InspectJpeg(InsertApp11(Jpeg(), [store], 65_000));

        Assert.True(report.Found);
        Assert.Contains(report.Problems, p => p.Contains("box header is damaged", StringComparison.Ordinal));
        Assert.Equal(0.6, Code(report, FindingCodes.C2paSignatureInvalid)!.Confidence);
    }

    [Fact]
    public void Inspect_JpegWithoutManifest_FindsNothing()
    {
        var report = InspectJpeg(Jpeg());

        Assert.False(report.Found);
        Assert.Empty(report.Findings);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Inspect_StoreWithoutManifests_ReportsUnusableCredentials()
    {
        var file = InsertApp11(Jpeg(), [Store()], 65_000);

        var report = InspectJpeg(file);

        Assert.True(report.Found);
        Assert.NotNull(Code(report, FindingCodes.C2paManifest));
        Assert.Equal(0.6, Code(report, FindingCodes.C2paSignatureInvalid)!.Confidence);
    }

    internal static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at >= 0, "marker not found in the test file");
        return at;
    }
}
