namespace ClaimLens.Forensics.Pixels;

/// <summary>What kind of luminance quantisation table a file carries.</summary>
public enum JpegTableKind
{
    /// <summary>Not a JPEG, or no table could be read.</summary>
    None,
    /// <summary>Exactly the IJG (libjpeg) standard table scaled to some quality: typical of software encoders.</summary>
    StandardIjg,
    /// <summary>Any other table: typical of camera firmware.</summary>
    Custom,
}
