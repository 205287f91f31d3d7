namespace ClaimLens.Cli.Evaluation;

/// <summary>Reads an evaluation manifest: CSV with a header naming at least <c>image,refs,label</c>, and
/// optionally <c>mask</c>, <c>kind</c> and <c>expect</c>. Paths are relative to the manifest's folder;
/// <c>refs</c> and <c>expect</c> are separated by ';'; <c>label</c> is <c>forged</c> or <c>genuine</c>.</summary>
internal static class EvalManifest
{
    public static IReadOnlyList<EvalRow> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
            throw new InputException(path, "the manifest is empty");
        var header = SplitCsv(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string name, bool required)
        {
            var i = header.IndexOf(name);
            if (i < 0 && required)
                throw new InputException(path, $"line 1: the header has no '{name}' column (needs image,refs,label[,mask,kind,expect])");
            return i;
        }
        var (image, refs, label) = (Column("image", true), Column("refs", true), Column("label", true));
        var (mask, kind, expect) = (Column("mask", false), Column("kind", false), Column("expect", false));
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Resolve(string p) => Path.GetFullPath(Path.Combine(baseDir, p.Trim()));
        static string[] SplitList(string s) => s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var rows = new List<EvalRow>(lines.Length);
        for (var n = 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n]))
                continue;
            var cells = SplitCsv(lines[n]);
            string Cell(int i) => i >= 0 && i < cells.Count ? cells[i] : "";
            var labelText = Cell(label).Trim().ToLowerInvariant();
            if (labelText is not ("forged" or "genuine"))
                throw new InputException(path, $"line {n + 1}: label '{Cell(label)}' is neither 'forged' nor 'genuine'");
            if (Cell(image).Trim().Length == 0)
                throw new InputException(path, $"line {n + 1}: the image column is empty");
            rows.Add(new EvalRow(
                n + 1,
                Resolve(Cell(image)),
                SplitList(Cell(refs)).Select(Resolve).ToArray(),
                labelText == "forged",
                Cell(mask).Trim().Length == 0 ? null : Resolve(Cell(mask)),
                Cell(kind).Trim().Length == 0 ? "all" : Cell(kind).Trim(),
                SplitList(Cell(expect))));
        }
        return rows;
    }

    // RFC 4180 fields: comma-separated, optionally quoted with "" as an escaped quote.
    internal static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
