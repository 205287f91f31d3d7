namespace ClaimLens.Forensics.Provenance;

/// <summary>One JUMBF superbox ('jumb'): its description and what it holds.</summary>
/// <param name="TypeCode">The first four bytes of the description's type UUID as text ("c2pa", "c2ma", "cbor" ...);
/// C2PA UUIDs are these four bytes followed by 0011-0010-8000-00AA00389B71.</param>
/// <param name="Label">The description's label, or "" when it has none.</param>
/// <param name="Payload">Everything after the superbox's own header (description box + content boxes):
/// what a hashed URI to this box hashes.</param>
/// <param name="Children">Nested superboxes.</param>
/// <param name="Contents">Plain boxes after the description, in order.</param>
internal sealed record JumbfBox(
    string TypeCode,
    string Label,
    ReadOnlyMemory<byte> Payload,
    IReadOnlyList<JumbfBox> Children,
    IReadOnlyList<JumbfContent> Contents)
{
    public JumbfBox? Child(string label) => Children.FirstOrDefault(c => c.Label == label);

    /// <summary>The first content box of <paramref name="type"/> ("cbor", "json" ...).</summary>
    public JumbfContent? Content(string type) => Contents.FirstOrDefault(c => c.Type == type);
}

/// <summary>A plain (non-super) box inside a superbox.</summary>
internal sealed record JumbfContent(string Type, ReadOnlyMemory<byte> Data);
