namespace ClaimLens.Forensics.Derivation;

/// <summary>The local shift one block still needs after alignment (analysis pixels), where the block sits
/// (X, Y in -1..1) and how precisely its gradients fix that shift (a symmetric 2x2 weight).</summary>
internal readonly record struct BlockShift(double X, double Y, double Sx, double Sy, double Wxx, double Wxy, double Wyy);
