namespace ClaimLens.Forensics.Metadata;

/// <summary>One leaf of the XMP tree: its schema namespace, path (e.g. <c>xmpMM:History[1]/stEvt:softwareAgent</c>) and value.</summary>
internal readonly record struct XmpValue(string Namespace, string Path, string Value)
{
    /// <summary>The local name of the last path step, without prefix or array index.</summary>
    public string LocalName
    {
        get
        {
            var step = Path[(Path.LastIndexOf('/') + 1)..];
            step = step[(step.IndexOf(':') + 1)..];
            var bracket = step.IndexOf('[');
            return bracket >= 0 ? step[..bracket] : step;
        }
    }

    /// <summary>True when the value lives in <paramref name="ns"/>, ignoring case and a trailing slash or hash.</summary>
    public bool IsIn(string ns) =>
        string.Equals(Namespace.TrimEnd('/', '#'), ns.TrimEnd('/', '#'), StringComparison.OrdinalIgnoreCase);
}
