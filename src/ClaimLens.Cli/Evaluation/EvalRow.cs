namespace ClaimLens.Cli.Evaluation;

/// <summary>One manifest line: an evidence photo, its references and the ground truth.</summary>
/// <param name="Line">1-based line number in the manifest, for messages.</param>
/// <param name="Image">Absolute path of the photo.</param>
/// <param name="References">Absolute paths of the references (may be empty).</param>
/// <param name="Forged">Ground truth: forged or genuine.</param>
/// <param name="Mask">Absolute path of the ground-truth change mask, or null.</param>
/// <param name="Kind">Breakdown group ("forged/resize25", "genuine/rephoto" …), or "all".</param>
/// <param name="Expect">Finding codes that must be reported for this photo (optional column <c>expect</c>).</param>
internal sealed record EvalRow(int Line, string Image, IReadOnlyList<string> References, bool Forged, string? Mask, string Kind, IReadOnlyList<string> Expect);
