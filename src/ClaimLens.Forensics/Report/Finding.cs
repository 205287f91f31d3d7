using System.Text.Json.Nodes;

namespace ClaimLens.Forensics.Report;

/// <summary>One thing the engine found, with the reason in plain words.</summary>
/// <param name="Code">One of <see cref="FindingCodes"/>.</param>
/// <param name="Severity">How much it weighs in the verdict.</param>
/// <param name="Confidence">0..1: how sure the engine is that the finding is real.</param>
/// <param name="Summary">One or two sentences a reviewer can act on.</param>
/// <param name="Details">Machine-readable facts (camelCase keys), e.g. <c>regions</c> as <c>[[x, y, w, h]]</c>.</param>
public sealed record Finding(string Code, Severity Severity, double Confidence, LocalizedText Summary, JsonObject Details)
{
    /// <summary>A finding with no details.</summary>
    public Finding(string code, Severity severity, double confidence, LocalizedText summary)
        : this(code, severity, confidence, summary, []) { }
}
