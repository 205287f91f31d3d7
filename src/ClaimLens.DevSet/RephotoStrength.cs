namespace ClaimLens.DevSet;

/// <summary>How far a simulated new photograph departs from the scene. <see cref="Subtle"/> is the hardest
/// negative: almost the same geometry and tone, yet a different exposure with its own noise.</summary>
public enum RephotoStrength
{
    Subtle,
    Typical,
    Strong,
}
