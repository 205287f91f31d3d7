using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>ORB keypoints (in analysis-image coordinates) and their binary descriptors.</summary>
internal sealed class FeatureSet : IDisposable
{
    public const int ReferenceFeatures = 2500;
    public const int ClaimFeatures = 2000;

    // ORB runs on a reduced image: matching needs structure, not fine detail, and cost grows with area.
    private const int FeatureLongSide = 800;

    private FeatureSet(Point2f[] points, Mat descriptors)
    {
        Points = points;
        Descriptors = descriptors;
    }

    public Point2f[] Points { get; }

    public Mat Descriptors { get; }

    public int Count => Points.Length;

    public static FeatureSet Detect(Mat gray, int maxFeatures)
    {
        if (gray.Width < 32 || gray.Height < 32)
            return new FeatureSet([], new Mat());
        var longSide = Math.Max(gray.Width, gray.Height);
        var scale = longSide > FeatureLongSide ? (double)FeatureLongSide / longSide : 1.0;
        using var small = new Mat();
        if (scale < 1)
            Cv2.Resize(gray, small, new Size((int)Math.Round(gray.Width * scale), (int)Math.Round(gray.Height * scale)), 0, 0, InterpolationFlags.Area);
        else
            gray.CopyTo(small);
        using var orb = ORB.Create(maxFeatures, 1.2f, 8, 19, 0, 2, ORBScoreType.Harris, 31, 12);
        var descriptors = new Mat();
        orb.DetectAndCompute(small, null, out var keypoints, descriptors);
        var points = new Point2f[keypoints.Length];
        var inverse = (float)(1 / scale);
        for (var i = 0; i < keypoints.Length; i++)
            points[i] = new Point2f(keypoints[i].Pt.X * inverse, keypoints[i].Pt.Y * inverse);
        return new FeatureSet(points, descriptors);
    }

    public void Dispose() => Descriptors.Dispose();
}
