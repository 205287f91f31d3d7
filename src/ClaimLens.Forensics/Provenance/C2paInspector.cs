using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text.Json;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Provenance;

/// <summary>Reads and verifies C2PA Content Credentials embedded in a JPEG (APP11) or PNG (caBX):
/// claim signatures (COSE_Sign1 with the x5chain leaf key), the claims' hashed references to their
/// assertions, and the active manifest's hard binding to the file bytes. Certificate trust is not
/// evaluated (no trust list, no network), and time-stamps are read but not verified.</summary>
public static class C2paInspector
{
    /// <summary>Parses, verifies and returns findings; never throws for malformed data.</summary>
    /// <param name="file">The whole file.</param>
    /// <param name="format">The sniffed container; only JPEG and PNG are searched.</param>
    public static C2paReport Inspect(ReadOnlySpan<byte> file, ImageFormat format)
    {
        var problems = new List<string>();
        byte[]? store;
        try
        {
            store = ManifestStoreLocator.Locate(file, format, problems);
        }
        catch (Exception ex) when (IsDataError(ex))
        {
            problems.Add("the file's segments cannot be walked: " + ex.Message);
            return new C2paReport(false, [], problems, [], null);
        }
        if (store is null)
            return problems.Count == 0 ? C2paReport.None : new C2paReport(false, [], problems, [], null);

        try
        {
            return Analyse(store, file, problems);
        }
        catch (Exception ex) when (IsDataError(ex))
        {
            problems.Add("the manifest store cannot be read: " + ex.Message);
            return Unusable(problems);
        }
    }

    private static C2paReport Analyse(byte[] store, ReadOnlySpan<byte> file, List<string> problems)
    {
        var top = JumbfReader.Parse(store, problems);
        var storeBox = top.FirstOrDefault(b => b.TypeCode == "c2pa");
        if (storeBox is null)
        {
            problems.Add("the C2PA manifest store box cannot be parsed");
            return Unusable(problems);
        }
        var manifestBoxes = storeBox.Children.Where(c => c.TypeCode is "c2ma" or "c2um").Take(256).ToList();
        if (manifestBoxes.Count == 0)
        {
            problems.Add("the manifest store holds no manifest");
            return Unusable(problems);
        }

        var analyses = manifestBoxes.Select(m => ManifestReader.Read(m, storeBox)).ToList();
        var active = analyses[^1];
        var isUpdate = manifestBoxes[^1].TypeCode == "c2um";
        var (bindingValid, bindingNote) = active.DataHash is not null
            ? DataHashVerifier.Verify(active.DataHash, active.ClaimAlgorithm, file)
            : active.HardBinding is not null
                ? (null, $"hard binding {active.HardBinding} is not verified here (only c2pa.hash.data is)")
                : isUpdate
                    ? (null, "the active manifest is an update manifest, which carries no hard binding")
                    : ((bool?)false, "the active manifest has no hard binding, so nothing ties it to this file");
        if (bindingNote is not null)
            problems.Add(bindingNote);

        foreach (var a in analyses)
        {
            foreach (var p in a.Manifest.Problems)
                problems.Add($"{a.Manifest.Label}: {p}");
            if (a.Manifest.SignatureNote is { } note)
                problems.Add($"{a.Manifest.Label}: {note}");
        }

        var manifests = analyses.Select(a => a.Manifest).ToList();
        var findings = new List<Finding>
        {
            C2paFindings.Manifest(manifests, bindingValid, problems),
        };
        var ai = analyses.SelectMany(a => a.AiDeclarations).ToList();
        if (ai.Count > 0)
            findings.Add(C2paFindings.AiGenerated(ai, manifests[^1].Label));
        if (C2paFindings.Invalid(manifests, bindingValid, bindingNote) is { } invalid)
            findings.Add(invalid);
        return new C2paReport(true, findings, problems, manifests, bindingValid);
    }

    private static C2paReport Unusable(List<string> problems) =>
        new(true, [C2paFindings.Manifest([], null, problems), C2paFindings.Unusable(problems)], problems, [], null);

    // Safety net for malformed data the readers did not anticipate; programming errors (null references,
    // index bugs) still surface in tests.
    private static bool IsDataError(Exception ex) =>
        ex is CborContentException or CryptographicException or JsonException or FormatException
            or InvalidOperationException or ArgumentException or OverflowException;
}
