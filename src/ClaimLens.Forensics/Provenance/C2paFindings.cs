using System.Text.Json.Nodes;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Provenance;

/// <summary>Builds the three C2PA findings with plain-language summaries in English and Chinese.</summary>
internal static class C2paFindings
{
    /// <summary>Only an earlier (ingredient) manifest failed: the latest signer consumed it and vouches for
    /// the rest, so this stays below the strong band and asks for review.</summary>
    private const double IngredientOnlyConfidence = 0.4;

    public static Finding Manifest(IReadOnlyList<C2paManifest> manifests, bool? bindingValid, IReadOnlyList<string> problems)
    {
        var active = manifests.Count > 0 ? manifests[^1] : null;
        LocalizedText summary;
        if (active is null)
        {
            summary = new LocalizedText(
                "The photo carries C2PA Content Credentials, but they cannot be read: " + First(problems) + ". Its recorded history is unusable.",
                "此照片带有 C2PA 内容凭证，但凭证已损坏、无法解析，其记录的来历无法使用（技术细节见英文说明）。");
        }
        else
        {
            var signer = active.Signer ?? active.SignerOrganization ?? "an unknown signer";
            var signerZh = active.Signer ?? active.SignerOrganization ?? "未知签名者";
            var generator = active.ClaimGenerator ?? "an unnamed tool";
            var generatorZh = active.ClaimGenerator ?? "未注明的工具";
            var actions = string.Join(", ", manifests.SelectMany(m => m.Actions).Select(a => a.Action).Distinct());
            summary = new LocalizedText(
                $"The photo carries C2PA Content Credentials ({manifests.Count} manifest(s)) signed by {signer} and written by {generator}"
                + (actions.Length > 0 ? $"; recorded actions: {actions}." : "; no actions are recorded.")
                + " They state the file's history as its tools recorded it; the signer's certificate was not checked against a trust list.",
                $"此照片带有 C2PA 内容凭证（{manifests.Count} 个清单），签名者为 {signerZh}，由 {generatorZh} 写入"
                + (actions.Length > 0 ? $"；记录的操作：{actions}。" : "；未记录任何操作。")
                + "凭证说明了各工具记录的文件来历；签名证书未对照信任列表核验。");
        }

        var list = new JsonArray();
        foreach (var m in manifests)
            list.Add(ToJson(m));
        var details = new JsonObject
        {
            ["manifests"] = list,
            ["activeManifest"] = active?.Label,
            ["signatureValid"] = SignatureValid(manifests),
            ["hardBindingValid"] = bindingValid,
            ["trust"] = "not_evaluated",
            ["problems"] = Strings(problems),
        };
        return new Finding(FindingCodes.C2paManifest, Severity.Info, 1.0, summary, details);
    }

    public static Finding AiGenerated(IReadOnlyList<AiDeclaration> declarations, string activeLabel)
    {
        var first = declarations.FirstOrDefault(d => d.Manifest == activeLabel) ?? declarations[0];
        var term = first.SourceType[(first.SourceType.LastIndexOf('/') + 1)..];
        var where = first.Action is null ? $"assertion {first.Assertion}" : $"action {first.Action}";
        var whereZh = first.Action is null ? $"断言 {first.Assertion}" : $"操作 {first.Action}";
        var summary = new LocalizedText(
            $"The photo's Content Credentials declare AI-generated content ({term}) in manifest {first.Manifest}, {where}. "
            + "A photo made or altered by a generative model is not evidence of real damage.",
            $"此照片的内容凭证声明含 AI 生成内容（{term}），见清单 {first.Manifest} 的{whereZh}。"
            + "由生成式模型制作或修改的照片不能证明真实的损坏。");
        var list = new JsonArray();
        foreach (var d in declarations.Take(20))
        {
            list.Add(new JsonObject
            {
                ["manifest"] = d.Manifest,
                ["assertion"] = d.Assertion,
                ["action"] = d.Action,
                ["digitalSourceType"] = d.SourceType,
            });
        }
        var details = new JsonObject
        {
            ["declarations"] = list,
            ["inActiveManifest"] = declarations.Any(d => d.Manifest == activeLabel),
        };
        return new Finding(FindingCodes.C2paAiGenerated, Severity.Critical, 0.95, summary, details);
    }

    /// <summary>The signature-invalid finding, or null when nothing failed.</summary>
    public static Finding? Invalid(IReadOnlyList<C2paManifest> manifests, bool? bindingValid, string? bindingNote)
    {
        var active = manifests[^1];
        var reasons = new List<string>();
        var reasonsZh = new List<string>();
        var activeFailed = false;
        foreach (var m in manifests)
        {
            var isActive = ReferenceEquals(m, active);
            if (m.SignatureValid == false)
            {
                reasons.Add($"the signature of manifest {m.Label} does not verify ({m.SignatureNote})");
                reasonsZh.Add($"清单 {m.Label} 的签名验证失败");
                activeFailed |= isActive;
            }
            if (!m.AssertionHashesValid)
            {
                reasons.Add($"manifest {m.Label} has assertions that do not match its claim");
                reasonsZh.Add($"清单 {m.Label} 的断言与声明记录的哈希不符");
                activeFailed |= isActive;
            }
        }
        if (bindingValid == false)
        {
            reasons.Add(bindingNote ?? "the image bytes do not match the signed hash");
            reasonsZh.Add("图像数据与签名时记录的哈希不符");
            activeFailed = true;
        }
        if (reasons.Count == 0)
            return null;

        var summary = new LocalizedText(
            "The photo's Content Credentials do not verify: " + string.Join("; ", reasons) + ". "
            + (activeFailed
                ? "The file or its credentials were changed after signing, so the stated history cannot be trusted."
                : "Only an earlier manifest in the chain fails; the latest signer accepted it, but its history is doubtful."),
            "此照片的内容凭证验证失败：" + string.Join("；", reasonsZh) + "。"
            + (activeFailed ? "文件或凭证在签名后被改动，其声明的来历不可信。" : "仅链中较早的清单失败；最新签名者接受了它，但其来历存疑。"));
        var details = new JsonObject
        {
            ["reasons"] = Strings(reasons),
            ["activeManifestFailed"] = activeFailed,
            ["signatureValid"] = SignatureValid(manifests),
            ["hardBindingValid"] = bindingValid,
            ["assertionHashesValid"] = manifests.All(m => m.AssertionHashesValid),
            ["trust"] = "not_evaluated",
        };
        return new Finding(FindingCodes.C2paSignatureInvalid, Severity.High, activeFailed ? 0.9 : IngredientOnlyConfidence, summary, details);
    }

    public static Finding Unusable(IReadOnlyList<string> problems) => new(
        FindingCodes.C2paSignatureInvalid, Severity.High, 0.6,
        new LocalizedText(
            "The photo's Content Credentials are present but unreadable (" + First(problems) + "), so nothing they claim can be verified. Broken credentials often mean the file was edited after signing.",
            "此照片带有内容凭证但凭证已损坏、无法解析，其中任何声明都无法验证。凭证损坏常意味着文件在签名后被编辑过。"),
        new JsonObject { ["reasons"] = Strings(problems), ["trust"] = "not_evaluated" });

    // True only when every manifest verified; false when any failed; null when some could not be checked.
    private static bool? SignatureValid(IReadOnlyList<C2paManifest> manifests)
    {
        if (manifests.Count == 0) return null;
        if (manifests.Any(m => m.SignatureValid == false)) return false;
        return manifests.All(m => m.SignatureValid == true) ? true : null;
    }

    private static JsonObject ToJson(C2paManifest m)
    {
        var actions = new JsonArray();
        foreach (var a in m.Actions)
            actions.Add(new JsonObject { ["action"] = a.Action, ["softwareAgent"] = a.SoftwareAgent, ["digitalSourceType"] = a.DigitalSourceType });
        var ingredients = new JsonArray();
        foreach (var i in m.Ingredients)
            ingredients.Add(new JsonObject { ["title"] = i.Title, ["relationship"] = i.Relationship, ["manifest"] = i.ManifestLabel });
        return new JsonObject
        {
            ["label"] = m.Label,
            ["claimGenerator"] = m.ClaimGenerator,
            ["title"] = m.Title,
            ["signer"] = m.Signer,
            ["signerOrganization"] = m.SignerOrganization,
            ["issuer"] = m.Issuer,
            ["signedAt"] = m.SignedAt,
            ["algorithm"] = m.SignatureAlgorithm,
            ["signatureValid"] = m.SignatureValid,
            ["assertionHashesValid"] = m.AssertionHashesValid,
            ["actions"] = actions,
            ["digitalSourceTypes"] = Strings(m.DigitalSourceTypes),
            ["ingredients"] = ingredients,
        };
    }

    private static JsonArray Strings(IEnumerable<string> items)
    {
        var array = new JsonArray();
        foreach (var s in items.Take(50))
            array.Add(s);
        return array;
    }

    private static string First(IReadOnlyList<string> problems) => problems.Count > 0 ? problems[0] : "unknown reason";
}
