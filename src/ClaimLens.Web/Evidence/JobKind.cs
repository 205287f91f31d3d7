namespace ClaimLens.Web.Evidence;

public enum JobKind
{
    /// <summary>Run the forensics engine on one claim photo (subject: the evidence photo).</summary>
    AnalyzePhoto,

    /// <summary>Take reference frames from a packing video (subject: the packing media).</summary>
    ExtractFrames,

    /// <summary>Run the forensics engine on one repair photo (subject: the repair photo).</summary>
    AnalyzeRepairPhoto,
}
