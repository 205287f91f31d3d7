using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimLens.Forensics.Provenance;

/// <summary>Reads one manifest superbox ('c2ma'): claim, claim signature and assertion store, and checks
/// the signature and the claim's hashed references to its assertions.</summary>
internal static class ManifestReader
{
    private const int MaxReferences = 1_000;
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = CborJson.MaxDepth };

    // Manifest superbox children: "c2pa.assertions" (c2as) holding one superbox per assertion
    // (jumd + 'cbor' | 'json' | 'bfdb'+'bidb' ...), "c2pa.claim" or "c2pa.claim.v2" (c2cl) holding a
    // 'cbor' box, and "c2pa.signature" (c2cs) holding a 'cbor' box with a COSE_Sign1_Tagged.
    public static ManifestAnalysis Read(JumbfBox manifest, JumbfBox store)
    {
        var problems = new List<string>();
        var claimBox = manifest.Children.FirstOrDefault(c => c.TypeCode == "c2cl" || c.Label.StartsWith("c2pa.claim", StringComparison.Ordinal));
        var claimBytes = claimBox?.Content("cbor")?.Data;
        JsonNode? claim = null;
        if (claimBytes is null)
            problems.Add("the manifest has no claim");
        else if ((claim = CborJson.TryRead(claimBytes.Value, out var claimProblem)) is not JsonObject)
            problems.Add("the claim cannot be read: " + (claimProblem ?? "not a CBOR map"));

        var signatureBytes = manifest.Children.FirstOrDefault(c => c.TypeCode == "c2cs" || c.Label == "c2pa.signature")?.Content("cbor")?.Data;
        SignatureCheck signature;
        if (signatureBytes is null)
            signature = new SignatureCheck(false, "the manifest has no claim signature", null, null, null, null, null);
        else if (claimBytes is null)
            signature = new SignatureCheck(false, "there is no claim for the signature to cover", null, null, null, null, null);
        else
            signature = ClaimSignatureVerifier.Verify(signatureBytes.Value, claimBytes.Value);

        var claimAlgorithm = CborJson.Text(claim, "alg");
        var assertionStore = manifest.Children.FirstOrDefault(c => c.TypeCode == "c2as" || c.Label == "c2pa.assertions");
        var assertions = new List<(JumbfBox Box, JsonNode? Content)>();
        foreach (var box in assertionStore?.Children ?? [])
            assertions.Add((box, ReadAssertion(box, problems)));

        // Only assertions the signed claim vouches for (by hash) may bind the manifest to the file.
        var vouched = new HashSet<JumbfBox>(ReferenceEqualityComparer.Instance);
        var hashesValid = claim is JsonObject && CheckReferences(claim, claimAlgorithm, manifest, store, vouched, problems);

        var actions = new List<C2paAction>();
        var sourceTypes = new List<string>();
        var ai = new List<AiDeclaration>();
        var ingredients = new List<C2paIngredient>();
        string? hardBinding = null;
        JsonNode? dataHash = null;
        foreach (var (box, content) in assertions)
        {
            var label = box.Label;
            var baseLabel = BaseLabel(label);
            var isBinding = baseLabel is "c2pa.hash.data" or "c2pa.hash.boxes" or "c2pa.hash.collection.data"
                || baseLabel.StartsWith("c2pa.hash.bmff", StringComparison.Ordinal);
            if (isBinding && !vouched.Contains(box))
            {
                problems.Add($"binding assertion {label} is not covered by the signed claim and was ignored");
                continue;
            }
            if (baseLabel is "c2pa.actions" or "c2pa.actions.v2" && content?["actions"] is JsonArray list)
                actions.AddRange(list.Select(ReadAction).OfType<C2paAction>());
            else if (baseLabel.StartsWith("c2pa.ingredient", StringComparison.Ordinal) && content is JsonObject)
                ingredients.Add(ReadIngredient(content));
            else if (isBinding && hardBinding is null)
                (hardBinding, dataHash) = (baseLabel, baseLabel == "c2pa.hash.data" ? content ?? new JsonObject() : null);
            if (content is not null)
                ScanSourceTypes(content, manifest.Label, label, null, sourceTypes, ai, 0);
        }

        var generator = CborJson.Text(claim, "claim_generator") ?? GeneratorInfo(claim?["claim_generator_info"]);
        var record = new C2paManifest(
            manifest.Label, generator, CborJson.Text(claim, "dc:title") ?? CborJson.Text(claim, "title"),
            signature.Signer, signature.SignerOrganization, signature.Issuer, signature.SignedAt, signature.Algorithm,
            signature.Valid, signature.Note, hashesValid, actions, sourceTypes.Distinct().ToList(), ingredients, problems);
        return new ManifestAnalysis(record, hardBinding, dataHash, claimAlgorithm, ai);
    }

    private static JsonNode? ReadAssertion(JumbfBox box, List<string> problems)
    {
        if (box.Content("cbor") is { } cbor)
        {
            var node = CborJson.TryRead(cbor.Data, out var problem);
            if (problem is not null)
                problems.Add($"assertion {box.Label}: {problem}");
            return node;
        }
        if (box.Content("json") is { } json)
        {
            try
            {
                return JsonNode.Parse(json.Data.Span, documentOptions: JsonOptions);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                problems.Add($"assertion {box.Label}: JSON is malformed: {ex.Message}");
            }
        }
        return null;
    }

    // A hashed URI is { url: "self#jumbf=<path>", hash: bstr, alg?: text }; the path is relative to this
    // manifest ("c2pa.assertions/c2pa.actions") or absolute ("/c2pa/<manifest>/c2pa.assertions/...").
    // The hash covers the referenced superbox without its own LBox/TBox header.
    private static bool CheckReferences(JsonNode claim, string? claimAlgorithm, JumbfBox manifest, JumbfBox store,
        HashSet<JumbfBox> vouched, List<string> problems)
    {
        var references = new List<JsonNode?>();
        foreach (var key in (string[])["assertions", "created_assertions", "gathered_assertions"])
        {
            if (claim[key] is JsonArray array)
                references.AddRange(array);
        }
        if (references.Count == 0)
        {
            problems.Add("the claim references no assertions");
            return false;
        }
        var ok = true;
        foreach (var reference in references.Take(MaxReferences))
        {
            var url = CborJson.Text(reference, "url");
            var expected = CborJson.Bytes(reference, "hash");
            if (url is null || expected is null)
            {
                problems.Add("a claim reference has no url or hash");
                ok = false;
                continue;
            }
            var target = Resolve(url, manifest, store);
            if (target is null)
            {
                problems.Add($"the claim references {url}, which is not in the store");
                ok = false;
                continue;
            }
            var algName = CborJson.Text(reference, "alg") ?? claimAlgorithm;
            if (C2paHash.Parse(algName) is not { } algorithm)
            {
                problems.Add($"reference {url} uses hash algorithm '{algName}', which is not verified here");
                continue;
            }
            if (CryptographicOperations.FixedTimeEquals(C2paHash.Hash(algorithm, target.Payload.Span), expected))
            {
                vouched.Add(target);
            }
            else
            {
                problems.Add($"assertion {target.Label} does not match the hash the claim records for it");
                ok = false;
            }
        }
        return ok;
    }

    internal static JumbfBox? Resolve(string url, JumbfBox manifest, JumbfBox store)
    {
        const string prefix = "self#jumbf=";
        var path = url.StartsWith(prefix, StringComparison.Ordinal) ? url[prefix.Length..] : url;
        var parts = path.Split('/');
        var at = manifest;
        var i = 0;
        if (path.StartsWith('/'))
        {
            // "/c2pa/<manifest label>/..."
            if (parts.Length < 3 || parts[1] != store.Label) return null;
            at = store.Child(parts[2]);
            i = 3;
        }
        for (; at is not null && i < parts.Length; i++)
            at = at.Child(parts[i]);
        return at;
    }

    /// <summary>The manifest label an ingredient or URL points at ("/c2pa/&lt;label&gt;/...").</summary>
    private static string? ManifestLabelOf(string? url)
    {
        if (url is null) return null;
        var i = url.IndexOf("/c2pa/", StringComparison.Ordinal);
        if (i < 0) return null;
        var rest = url[(i + 6)..];
        var end = rest.IndexOf('/');
        return end < 0 ? rest : rest[..end];
    }

    // Repeated assertions carry an instance suffix: "c2pa.actions__1".
    private static string BaseLabel(string label)
    {
        var i = label.IndexOf("__", StringComparison.Ordinal);
        return i < 0 ? label : label[..i];
    }

    private static C2paAction? ReadAction(JsonNode? node)
    {
        var name = CborJson.Text(node, "action");
        if (name is null) return null;
        var agent = node?["softwareAgent"] switch
        {
            JsonObject o => string.Join(' ', new[] { CborJson.Text(o, "name"), CborJson.Text(o, "version") }.OfType<string>()),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        var dst = CborJson.Text(node, "digitalSourceType") ?? CborJson.Text(node?["parameters"], "digitalSourceType");
        return new C2paAction(name, agent, dst);
    }

    private static C2paIngredient ReadIngredient(JsonNode node)
    {
        var manifestUrl = CborJson.Text(node["c2pa_manifest"], "url") ?? CborJson.Text(node["activeManifest"], "url");
        return new C2paIngredient(CborJson.Text(node, "dc:title"), CborJson.Text(node, "relationship"), ManifestLabelOf(manifestUrl));
    }

    private static string? GeneratorInfo(JsonNode? info)
    {
        var first = info is JsonArray { Count: > 0 } a ? a[0] : info;
        var name = CborJson.Text(first, "name");
        var version = CborJson.Text(first, "version");
        return name is null ? null : version is null ? name : $"{name}/{version}";
    }

    private static void ScanSourceTypes(JsonNode node, string manifest, string assertion, string? action,
        List<string> sourceTypes, List<AiDeclaration> ai, int depth)
    {
        if (depth > CborJson.MaxDepth) return;
        switch (node)
        {
            case JsonObject o:
                var here = CborJson.Text(o, "action") ?? action;
                foreach (var (key, value) in o)
                {
                    if (value is null) continue;
                    if (value is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        // Actions say "digitalSourceType"; IPTC/XMP assertions "Iptc4xmpExt:DigitalSourceType".
                        if (key.EndsWith("digitalSourceType", StringComparison.OrdinalIgnoreCase))
                            sourceTypes.Add(s);
                        if (IptcSourceTypes.IsAi(s))
                            ai.Add(new AiDeclaration(manifest, assertion, here, s));
                    }
                    else
                    {
                        ScanSourceTypes(value, manifest, assertion, here, sourceTypes, ai, depth + 1);
                    }
                }
                break;
            case JsonArray arr:
                foreach (var item in arr)
                {
                    if (item is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        if (IptcSourceTypes.IsAi(s))
                            ai.Add(new AiDeclaration(manifest, assertion, action, s));
                    }
                    else if (item is not null)
                    {
                        ScanSourceTypes(item, manifest, assertion, action, sourceTypes, ai, depth + 1);
                    }
                }
                break;
        }
    }
}
