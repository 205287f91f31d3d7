namespace ClaimLens.DevSet;

/// <summary>What a buyer's phone or chat app does to a picture before it reaches the claims desk.</summary>
public enum TransformKind
{
    None,
    Resize25,
    Resize50,
    CropHalf,
    Rotate90,
    RotateSmall,
    Mirror,
    Screenshot,
    Jpeg40,
    DoubleResave,
    Combined,
}
