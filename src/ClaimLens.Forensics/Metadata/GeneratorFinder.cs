using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Metadata;

/// <summary>Finds the parameters that image generators write into their output (prompt, sampler, seed, model,
/// node graph) and generator names in the software fields.</summary>
internal static partial class GeneratorFinder
{
    // The A1111/Forge "parameters" format: "prompt\nNegative prompt: …\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, …".
    [GeneratedRegex(@"Steps:\s*\d+\s*,.{0,400}?(Sampler|Seed|CFG scale)\s*:", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex A1111Pattern();

    [GeneratedRegex(@"\b(Midjourney|DALL[-·・ ]?E|Stable[ ]?Diffusion|NovelAI|ComfyUI|InvokeAI|Fooocus|Adobe Firefly|Leonardo\.?ai|Ideogram|Imagen|Flux\.?1|Kling|Jimeng|Doubao|Tongyi Wanxiang|Wenxin Yige)\b|文心一格|通义万相|即梦|豆包|可灵|星流", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex GeneratorName();

    // Fields whose value names the program that wrote the file (not an edit history).
    private static readonly string[] SoftwareKeys = ["Software", "Source", "Author", "CreatorTool", "Generator"];

    public static Finding? Find(MetadataFacts facts)
    {
        var keys = new List<string>();
        string? generator = null;
        string? excerpt = null;

        var excerptIsName = false;

        // A software field only names the generator; parameters or a prompt found later make a better excerpt.
        void Hit(string name, string key, string text, bool nameOnly = false)
        {
            generator ??= name;
            if (excerpt is null || (excerptIsName && !nameOnly))
            {
                excerpt = PromptIn(text) ?? text;
                excerptIsName = nameOnly;
            }
            if (keys.Count < 16 && !keys.Contains(key))
                keys.Add(key);
        }

        foreach (var field in facts.Texts)
        {
            var key = field.Key;
            var text = field.Text;
            var label = $"{field.Source}:{key}";
            if (field.Source == "png" && Is(key, "parameters") && text.Contains("fooocus", StringComparison.OrdinalIgnoreCase))
                Hit("Fooocus", label, text);
            else if (field.Source == "png" && Is(key, "fooocus_scheme"))
                Hit("Fooocus", label, text);
            else if (field.Source == "png" && (Is(key, "prompt") || Is(key, "workflow")) && LooksLikeComfyGraph(text))
                Hit("ComfyUI", label, text);
            else if (field.Source == "png" && (Is(key, "invokeai_metadata") || Is(key, "invokeai_graph") || Is(key, "sd-metadata") || Is(key, "Dream")))
                Hit("InvokeAI", label, text);
            else if (field.Source == "png" && Is(key, "Software") && text.Contains("NovelAI", StringComparison.OrdinalIgnoreCase))
                Hit("NovelAI", label, text, nameOnly: true);
            else if (field.Source == "png" && Is(key, "Comment") && LooseJson.ParseObject(text) is { } json
                     && LooseJson.Get(json, "sampler") is not null && LooseJson.Get(json, "steps") is not null)
                Hit("NovelAI", label, text);
            else if (Matches(A1111Pattern(), text))
                Hit("Stable Diffusion (A1111 parameters)", label, text);
            else if (text.Contains("Job ID:", StringComparison.OrdinalIgnoreCase) && text.Contains("--", StringComparison.Ordinal))
                Hit("Midjourney", label, text);
            else if (SoftwareKeys.Any(k => Is(key, k)) && Name(text) is { } m)
                Hit(m, label, text, nameOnly: true);
        }

        foreach (var value in facts.Xmp)
        {
            if (Matches(A1111Pattern(), value.Value))
                Hit("Stable Diffusion (A1111 parameters)", $"xmp:{value.Path}", value.Value);
            else if (SoftwareKeys.Any(k => Is(value.LocalName, k)) && Name(value.Value) is { } m)
                Hit(m, $"xmp:{value.Path}", value.Value, nameOnly: true);
        }
        if (facts.Software is not null && Name(facts.Software) is { } sw)
            Hit(sw, "exif:Software", facts.Software, nameOnly: true);

        if (generator is null)
            return null;
        var summary = new LocalizedText(
            $"The file contains metadata written by the image generator {generator} ({string.Join(", ", keys)}): the picture was made or reworked by an AI image generator, not only taken with a camera.",
            $"文件含有图像生成器 {generator} 写入的元数据（{string.Join("、", keys)}）：该图片由 AI 图像生成器生成或改动，并非单纯相机拍摄。");
        var details = new JsonObject
        {
            ["generator"] = generator,
            ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode?)JsonValue.Create(k))]),
            ["excerpt"] = AiLabelFinder.Excerpt(excerpt?.Trim(), 200),
        };
        return new Finding(FindingCodes.GeneratorParameters, Severity.Critical, 0.95, summary, details);
    }

    // NonBacktracking patterns run in linear time over the bounded texts (64 KB each, 2 MB in all), so they need no
    // timeout: a timeout would make the result depend on how busy the machine is.
    private static bool Matches(Regex regex, string text) => regex.IsMatch(text);

    private static string? Name(string text)
    {
        var match = GeneratorName().Match(text);
        return match.Success ? match.Value : null;
    }

    // The prompt is the evidence a reviewer reads: pull it out of JSON metadata (NovelAI and InvokeAI keep it under
    // a key, ComfyUI in the "text" input of a text-encoder node) instead of quoting the first bytes of the JSON.
    private static string? PromptIn(string text)
    {
        if (!text.TrimStart().StartsWith('{') || LooseJson.ParseObject(text) is not { } json)
            return null;
        foreach (var key in (string[])["prompt", "positive_prompt", "Description"])
        {
            if (LooseJson.Get(json, key) is { Length: > 0 } prompt)
                return prompt;
        }
        foreach (var (_, node) in json)
        {
            if (node is JsonObject n && LooseJson.Get(n, "class_type") is { } type && type.Contains("TextEncode", StringComparison.Ordinal)
                && LooseJson.GetObject(n, "inputs") is { } inputs && LooseJson.Get(inputs, "text") is { Length: > 0 } encoded)
                return encoded;
        }
        return null;
    }

    private static bool Is(string key, string expected) => key.Equals(expected, StringComparison.OrdinalIgnoreCase);

    // ComfyUI's "prompt" is {"<node id>": {"class_type": …, "inputs": …}}; its "workflow" has "nodes" and "links".
    private static bool LooksLikeComfyGraph(string text) =>
        text.TrimStart().StartsWith('{')
        && (text.Contains("\"class_type\"", StringComparison.Ordinal)
            || (text.Contains("\"nodes\"", StringComparison.Ordinal) && text.Contains("\"links\"", StringComparison.Ordinal)));
}
