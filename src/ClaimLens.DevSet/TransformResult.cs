using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>A transformed image, its carried mask, and the JPEG bytes when the transform ended in a save.</summary>
internal sealed record TransformResult(Mat Image, Mat Mask, byte[]? Encoded);
