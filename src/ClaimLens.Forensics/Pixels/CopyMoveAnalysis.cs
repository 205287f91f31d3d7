using ClaimLens.Forensics.Report;
using OpenCvSharp;

namespace ClaimLens.Forensics.Pixels;

internal static class CopyMoveAnalysis
{
    internal sealed record Result(Finding? Finding, IReadOnlyList<Rect> Boxes);

    public static Result Analyze(Mat bgr, double scale) => new(null, []);
}
