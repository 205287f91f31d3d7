using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClaimLens.Forensics.Report;

namespace ClaimLens.Forensics.Metadata;

/// <summary>Finds photo editors named in the software and history fields. Camera firmware strings
/// ("Ver.1.00", "HDR+ 1.0", "17.1") name no editor and never match.</summary>
internal static partial class EditorFinder
{
    private const string PhotoshopNs = "http://ns.adobe.com/photoshop/1.0/";
    private const string XmpBasicNs = "http://ns.adobe.com/xap/1.0/";
    // xmpMM:History entries are stEvt structures; XmpCore reports each field in the stEvt namespace.
    private const string ResourceEventNs = "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#";

    /// <summary>Editor name patterns (case-insensitive) and the name shown to the reviewer. Latin names are
    /// whole words so that "Canvas" or "Winking" do not match. The first match per value wins, so specific names
    /// ("Photoshop Camera Raw", "Photoshop Express") come before "Photoshop".</summary>
    private static readonly (Regex Pattern, string Name)[] Editors =
    [
        (Word("Lightroom"), "Adobe Lightroom"),
        (Word("Photoshop Express|PS Express"), "Adobe Photoshop Express"),
        (Word("Camera Raw"), "Adobe Camera Raw"),
        (Word("Photoshop"), "Adobe Photoshop"),
        (Word("GIMP"), "GIMP"),
        (Word("Snapseed"), "Snapseed"),
        (Any(@"\bMeitu|\bMTXX\b|美图"), "Meitu 美图秀秀"),
        (Any(@"\bXingtu\b|醒图|\bHypic\b"), "Xingtu 醒图"),
        (Any(@"\bBeautyCam\b|美颜相机"), "BeautyCam 美颜相机"),
        (Any(@"\bQingyan\b|轻颜"), "Qingyan 轻颜"),
        (Word("Wink"), "Wink"),
        (Word("Picsart"), "Picsart"),
        (Word("Canva"), "Canva"),
        (Word("PhotoDirector"), "PhotoDirector"),
        (Word("Facetune"), "Facetune"),
        (Word("Pixelmator"), "Pixelmator"),
        (Word("Affinity Photo"), "Affinity Photo"),
        (Word("Photopea"), "Photopea"),
        (Word("Fotor"), "Fotor"),
        (Word("Remini"), "Remini"),
        (Word("Pixlr"), "Pixlr"),
        (Word("PhotoScape"), "PhotoScape"),
        (Any(@"\bpaint\.net\b"), "Paint.NET"),
        (Word("Luminar"), "Luminar"),
        (Word("Capture One"), "Capture One"),
        (Word("Photoroom"), "Photoroom"),
        (Word("VSCO"), "VSCO"),
        (Word("Polarr"), "Polarr"),
        (Word("Lensa"), "Lensa"),
        (Any(@"\bCapCut\b|剪映"), "CapCut 剪映"),
        (Any(@"\bPhotoWonder\b|光影魔术手"), "光影魔术手"),
        (Any(@"\bB612\b|咔叽"), "B612"),
        (Any(@"天天P图|\bPitu\b"), "天天P图"),
    ];

    public static Finding? Find(MetadataFacts facts)
    {
        var editors = new List<string>();
        // [{ "field": "exif:Software", "value": "…" }]: field names are data here, so they are not used as keys.
        var fields = new JsonArray();

        void Check(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value) || fields.Count >= 16)
                return;
            var matched = false;
            foreach (var (pattern, name) in Editors)
            {
                if (!Matches(pattern, value))
                    continue;
                matched = true;
                if (!editors.Contains(name))
                    editors.Add(name);
                // "Photoshop Express" must not also count as Photoshop.
                break;
            }
            if (matched)
                fields.Add(new JsonObject { ["field"] = field, ["value"] = AiLabelFinder.Excerpt(value, 120) });
        }

        Check("exif:Software", facts.Software);
        Check("exif:ProcessingSoftware", facts.ProcessingSoftware);
        foreach (var text in facts.Texts)
        {
            if (text.Source == "png" && text.Key.Equals("Software", StringComparison.OrdinalIgnoreCase))
                Check("png:Software", text.Text);
        }
        foreach (var value in facts.Xmp)
        {
            var isTool = value.IsIn(XmpBasicNs) && value.LocalName == "CreatorTool";
            var isHistory = (value.IsIn(PhotoshopNs) && value.LocalName == "History")
                || (value.IsIn(ResourceEventNs) && value.LocalName == "softwareAgent");
            if (isTool || isHistory)
                Check($"xmp:{value.Path}", value.Value);
        }

        if (editors.Count == 0)
            return null;
        var names = string.Join(", ", editors);
        var summary = new LocalizedText(
            $"The file was last saved or processed by {names}. Editing is not forgery: cropping, filters and beautifying are common, but the reviewer should compare the photo with the reference closely.",
            $"文件曾由 {string.Join("、", editors)} 保存或处理。编辑不等于伪造：裁剪、滤镜和美颜都很常见，但审核人员应仔细与参考图比对。");
        var details = new JsonObject
        {
            ["editors"] = new JsonArray([.. editors.Select(e => (JsonNode?)JsonValue.Create(e))]),
            ["fields"] = fields,
        };
        return new Finding(FindingCodes.EditingSoftware, Severity.Warning, 0.9, summary, details);
    }

    // A version number may be glued on ("Facetune2").
    private static Regex Word(string alternatives) => Any($@"\b(?:{alternatives})\d*\b");

    // Linear time (NonBacktracking) over bounded texts, and deliberately no timeout: a timeout would make the
    // result depend on how busy the machine is.
    private static Regex Any(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static bool Matches(Regex regex, string text) => regex.IsMatch(text);
}
