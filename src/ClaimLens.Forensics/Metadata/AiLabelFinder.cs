using System.Globalization;
using System.Text.Json.Nodes;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Metadata;

/// <summary>Reads the two implicit AI-content labels that live in ordinary metadata: China's GB 45438-2025
/// (TC260) <c>AIGC</c> label and the IPTC digital source type.</summary>
internal static class AiLabelFinder
{
    public const string Tc260Namespace = "http://www.tc260.org.cn/ns/AIGC/1.0/";
    public const string IptcExtNamespace = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

    // A JSON object found outside the AIGC field must carry one of these besides Label to count as a TC260 label,
    // so that an unrelated {"label": ...} in a description is not mistaken for one.
    private static readonly string[] Tc260Keys = ["ContentProducer", "ProduceID", "ReservedCode1", "ContentPropagator", "PropagateID", "ReservedCode2"];

    private static readonly Dictionary<string, Severity> AiSourceTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trainedAlgorithmicMedia"] = Severity.Critical,
        ["compositeWithTrainedAlgorithmicMedia"] = Severity.Critical,
        ["compositeSynthetic"] = Severity.Critical,
        ["algorithmicMedia"] = Severity.High,
    };

    /// <param name="facts">The parsed metadata.</param>
    /// <param name="metadataBytes">The raw bytes MetadataExtractor read, searched only when the XMP packet was
    /// present but unparseable: a label must not hide behind a syntax error elsewhere in the packet.</param>
    public static Finding? FindTc260(MetadataFacts facts, ReadOnlySpan<byte> metadataBytes)
    {
        foreach (var (source, label) in Candidates(facts))
        {
            var finding = Tc260Finding(source, label);
            if (finding is not null)
                return finding;
        }
        return facts.XmpUnparsed && RawXmpLabel(metadataBytes) is { } raw ? Tc260Finding("xmp", raw) : null;
    }

    // The property is written as an attribute (TC260:AIGC="{&quot;Label&quot;…}") or an element
    // (<TC260:AIGC>{"Label"…}</TC260:AIGC>) near the namespace declaration (attributes may precede it).
    private static JsonObject? RawXmpLabel(ReadOnlySpan<byte> bytes)
    {
        var ns = bytes.IndexOf("tc260.org.cn/ns/AIGC"u8);
        if (ns < 0)
            return null;
        var from = Math.Max(0, ns - 64 * 1024);
        var window = bytes[from..Math.Min(bytes.Length, ns + 256 * 1024)];
        for (var tries = 0; tries < 32; tries++)
        {
            var at = window.IndexOf(":AIGC"u8);
            if (at < 0 || at + 7 > window.Length)
                return null;
            var rest = window[(at + 5)..];
            window = rest;
            int start, end;
            if (rest[0] == (byte)'=' && rest[1] is (byte)'"' or (byte)'\'')
            {
                start = 2;
                end = rest[2..].IndexOf(rest[1]);
            }
            else if (rest[0] == (byte)'>')
            {
                start = 1;
                end = rest[1..].IndexOf((byte)'<');
            }
            else
            {
                continue;
            }
            if (end < 0)
                return null;
            var text = System.Net.WebUtility.HtmlDecode(System.Text.Encoding.UTF8.GetString(rest.Slice(start, end)));
            if (LooseJson.ParseObject(text) is { } json)
                return LooseJson.GetObject(json, "AIGC") ?? json;
        }
        return null;
    }

    public static Finding? FindIptcSourceType(MetadataFacts facts)
    {
        foreach (var value in facts.Xmp)
        {
            if (!value.IsIn(IptcExtNamespace) || !value.LocalName.Equals("DigitalSourceType", StringComparison.OrdinalIgnoreCase))
                continue;
            var term = value.Value.Trim().TrimEnd('/');
            term = term[(term.LastIndexOf('/') + 1)..];
            if (!AiSourceTypes.TryGetValue(term, out var severity))
                continue;
            var critical = severity == Severity.Critical;
            var summary = new LocalizedText(
                $"The photo's IPTC metadata declares its digital source type as \"{term}\": the tool that made it says it was "
                + (critical ? "created or composited with generative AI." : "produced by an algorithm rather than captured by a camera."),
                $"照片的 IPTC 元数据声明其数字来源类型为“{term}”：生成它的工具自述该图片"
                + (critical ? "由生成式 AI 创建或合成。" : "由算法生成，而非相机拍摄。"));
            return new Finding(FindingCodes.IptcAiSourceType, severity, critical ? 0.95 : 0.8, summary,
                new JsonObject { ["digitalSourceType"] = term, ["value"] = Excerpt(value.Value, 200) });
        }
        return null;
    }

    private static IEnumerable<(string Source, JsonObject Label)> Candidates(MetadataFacts facts)
    {
        // XMP: either one AIGC property holding JSON, or (some writers) a structure whose fields are the keys.
        var fields = new JsonObject();
        foreach (var value in facts.Xmp)
        {
            // Any property named AIGC counts too: writers have used other namespace spellings.
            if (!value.IsIn(Tc260Namespace) && !value.LocalName.Equals("AIGC", StringComparison.OrdinalIgnoreCase))
                continue;
            var json = LooseJson.ParseObject(value.Value);
            if (json is not null)
                yield return ("xmp", LooseJson.GetObject(json, "AIGC") ?? json);
            else if (fields.Count < 32)
                fields[value.LocalName] = value.Value;
        }
        if (LooseJson.Get(fields, "Label") is not null)
            yield return ("xmp", fields);

        foreach (var text in facts.Texts)
        {
            var isAigcChunk = text.Source == "png" && text.Key.Equals("AIGC", StringComparison.OrdinalIgnoreCase);
            if (!isAigcChunk && !text.Text.Contains("label", StringComparison.OrdinalIgnoreCase))
                continue;
            var json = LooseJson.ParseObject(text.Text);
            if (json is null)
                continue;
            var nested = LooseJson.GetObject(json, "AIGC");
            if (nested is not null)
                yield return (text.Source, nested);
            else if (isAigcChunk || Tc260Keys.Any(k => LooseJson.Get(json, k) is not null))
                yield return (text.Source, json);
        }
    }

    private static Finding? Tc260Finding(string source, JsonObject label)
    {
        var raw = LooseJson.Get(label, "Label")?.Trim();
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) || level is < 1 or > 3)
            return null;
        var producer = LooseJson.Get(label, "ContentProducer");
        var (severity, confidence, en, zh) = level switch
        {
            1 => (Severity.Critical, 0.97, "declares the image AI-generated", "声明该图片为 AI 生成"),
            2 => (Severity.High, 0.75, "declares the image possibly AI-generated", "声明该图片可能为 AI 生成"),
            _ => (Severity.Warning, 0.6, "marks the image as suspected AI-generated", "将该图片标记为疑似 AI 生成"),
        };
        var by = string.IsNullOrWhiteSpace(producer) ? "" : $" (producer {Excerpt(producer, 80)})";
        var byZh = string.IsNullOrWhiteSpace(producer) ? "" : $"（生成方 {Excerpt(producer, 80)}）";
        var summary = new LocalizedText(
            $"The file carries a GB 45438-2025 implicit AI-content label (in {source.ToUpperInvariant()} metadata) that {en}{by}. Chinese AI services must write this label into what they generate.",
            $"文件的 {source.ToUpperInvariant()} 元数据中含有 GB 45438-2025 隐式 AI 内容标识，{zh}{byZh}。国内生成式 AI 服务须在生成内容中写入该标识。");
        var details = new JsonObject
        {
            ["label"] = level,
            ["contentProducer"] = producer is null ? null : Excerpt(producer, 200),
            ["produceId"] = Excerpt(LooseJson.Get(label, "ProduceID"), 200),
            ["propagator"] = Excerpt(LooseJson.Get(label, "ContentPropagator"), 200),
            ["source"] = source,
        };
        return new Finding(FindingCodes.Tc260AiLabel, severity, confidence, summary, details);
    }

    internal static string? Excerpt(string? text, int max) =>
        text is null ? null : text.Length <= max ? text : text[..(max - 1)] + "…";
}
