namespace ClaimLens.Forensics.Report;

/// <summary>The finding codes of the <c>claimlens.report/1</c> contract. These names are fixed.</summary>
public static class FindingCodes
{
    public const string DerivedFromReference = "derived_from_reference";
    public const string ReusedEvidence = "reused_evidence";
    public const string C2paManifest = "c2pa_manifest";
    public const string C2paAiGenerated = "c2pa_ai_generated";
    public const string C2paSignatureInvalid = "c2pa_signature_invalid";
    public const string Tc260AiLabel = "tc260_ai_label";
    public const string IptcAiSourceType = "iptc_ai_source_type";
    public const string GeneratorParameters = "generator_parameters";
    public const string EditingSoftware = "editing_software";
    public const string CapturedBeforeDelivery = "captured_before_delivery";
    public const string ExifThumbnailMismatch = "exif_thumbnail_mismatch";
    public const string NoCameraMetadata = "no_camera_metadata";
    public const string Recompressed = "recompressed";
    public const string LocalNoiseInconsistency = "local_noise_inconsistency";
    public const string CopyMove = "copy_move";
}
