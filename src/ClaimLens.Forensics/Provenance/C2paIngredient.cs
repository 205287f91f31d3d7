namespace ClaimLens.Forensics.Provenance;

/// <summary>An ingredient a manifest declares (an earlier file this one was made from).</summary>
/// <param name="Title">The ingredient's title (usually its file name).</param>
/// <param name="Relationship"><c>parentOf</c>, <c>componentOf</c> or <c>inputTo</c>, when stated.</param>
/// <param name="ManifestLabel">The label of the ingredient's own manifest in this store, when it has one.</param>
public sealed record C2paIngredient(string? Title, string? Relationship, string? ManifestLabel);
