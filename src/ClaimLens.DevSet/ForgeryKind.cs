namespace ClaimLens.DevSet;

/// <summary>The kinds of local edit a fraudster paints onto a copy of the merchant's reference photo.</summary>
public enum ForgeryKind
{
    Crack,
    Stain,
    Tear,
    Inpaint,
    Clone,
    Blur,
    ColorShift,
    Text,
}
