namespace ClaimLens.DevSet;

/// <summary>One line of manifest.csv; paths are relative to the output folder, with forward slashes.</summary>
internal sealed record ManifestRow(string Image, IReadOnlyList<string> Refs, string Label, string Mask, string Kind, string Expect = "")
{
    public const string Header = "image,refs,label,mask,kind,expect";

    public string ToCsv() => string.Join(',', Field(Image), Field(string.Join(';', Refs)), Field(Label), Field(Mask), Field(Kind), Field(Expect));

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
