using System.Runtime.InteropServices;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>ORB keypoints (in analysis-image coordinates) and their 256-bit descriptors, four 64-bit words
/// each (the layout <see cref="HammingMatcher"/> searches).</summary>
internal sealed class FeatureSet
{
    public const int ReferenceFeatures = 2500;
    public const int ClaimFeatures = 2000;

    // ORB runs on a reduced image: matching needs structure, not fine detail, and cost grows with area.
    private const int FeatureLongSide = 800;

    private FeatureSet(Point2f[] points, ulong[] descriptors)
    {
        Points = points;
        Descriptors = descriptors;
    }

    public Point2f[] Points { get; }

    /// <summary><see cref="HammingMatcher.Words"/> words per point.</summary>
    public ulong[] Descriptors { get; }

    public int Count => Points.Length;

    public static FeatureSet Detect(Mat gray, int maxFeatures)
    {
        if (gray.Width < 32 || gray.Height < 32)
            return new FeatureSet([], []);
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
        // A dim subject on a dark ground (the moon on a night sky) gives FAST too little contrast: stretched linearly to
        // the full grey range, nothing clipped, it is detected, and ORB's intensity comparisons stay those of the
        // unstretched picture, so its descriptors still match an unstretched reference's.
        if (keypoints.Length < maxFeatures / 4 && Stretched(small) is { } stretched)
        {
            using (stretched)
            {
                var more = new Mat();
                orb.DetectAndCompute(stretched, null, out var moreKeypoints, more);
                if (moreKeypoints.Length > keypoints.Length)
                    (keypoints, descriptors, more) = (moreKeypoints, more, descriptors);
                more.Dispose();
            }
        }
        using var _ = descriptors;
        // ORB: one row of 32 bytes per keypoint.
        if (keypoints.Length == 0 || descriptors.Rows != keypoints.Length || descriptors.Cols * descriptors.ElemSize() != 8 * HammingMatcher.Words || !descriptors.IsContinuous())
            return new FeatureSet([], []);
        var words = new ulong[keypoints.Length * HammingMatcher.Words];
        var bytes = new byte[words.Length * 8];
        Marshal.Copy(descriptors.Data, bytes, 0, bytes.Length);
        Buffer.BlockCopy(bytes, 0, words, 0, bytes.Length);
        var points = new Point2f[keypoints.Length];
        var inverse = (float)(1 / scale);
        for (var i = 0; i < keypoints.Length; i++)
            points[i] = new Point2f(keypoints[i].Pt.X * inverse, keypoints[i].Pt.Y * inverse);
        return new FeatureSet(points, words);
    }

    // Pictures whose grey levels span less than this are stretched when they give few features.
    private const double LowContrastRange = 160;

    private static Mat? Stretched(Mat gray)
    {
        Cv2.MinMaxLoc(gray, out double lo, out double hi);
        if (hi - lo >= LowContrastRange || hi <= lo)
            return null;
        var stretched = new Mat();
        var gain = 255.0 / (hi - lo);
        gray.ConvertTo(stretched, MatType.CV_8UC1, gain, -lo * gain);
        return stretched;
    }
}
