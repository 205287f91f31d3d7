namespace ClaimLens.Forensics.Provenance;

/// <summary>One entry of a <c>c2pa.actions</c> assertion.</summary>
/// <param name="Action">The action name, e.g. <c>c2pa.created</c> or <c>c2pa.edited</c>.</param>
/// <param name="SoftwareAgent">The tool that performed it, when stated.</param>
/// <param name="DigitalSourceType">The IPTC digital source type URI or term, when stated.</param>
public sealed record C2paAction(string Action, string? SoftwareAgent, string? DigitalSourceType);
