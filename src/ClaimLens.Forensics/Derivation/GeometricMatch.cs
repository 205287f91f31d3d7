using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>A reference located in a claim by features: the homography from reference analysis coordinates to
/// claim analysis coordinates (of the mirrored claim when <see cref="Mirrored"/>), and its support.</summary>
internal sealed record GeometricMatch(ReferenceImage Reference, double[] Homography, int Inliers, bool Mirrored)
{
    // Fewer inliers than this is what unrelated photos reach by chance with MAGSAC on ~2,000 ORB features.
    public const int MinInliers = 16;

    private const float RatioTest = 0.8f;

    /// <summary>Matches claim features against one reference; null when no plausible homography is found.</summary>
    public static GeometricMatch? Find(FeatureSet claim, ReferenceImage reference, bool mirrored, Size claimSize)
    {
        var refFeatures = reference.Features;
        if (claim.Count < MinInliers || refFeatures.Count < MinInliers)
            return null;
        var (best, bestDistance, secondDistance) = HammingMatcher.Search(claim.Descriptors, refFeatures.Descriptors);
        var src = new List<Point2d>(best.Length);
        var dst = new List<Point2d>(best.Length);
        for (var i = 0; i < best.Length; i++)
        {
            if (secondDistance[i] == int.MaxValue || bestDistance[i] >= RatioTest * secondDistance[i])
                continue;
            var r = refFeatures.Points[best[i]];
            var c = claim.Points[i];
            src.Add(new Point2d(r.X, r.Y));
            dst.Add(new Point2d(c.X, c.Y));
        }
        return Fit(src, dst, reference, mirrored, claimSize);
    }

    /// <summary>Matches claim features against one reference near where <paramref name="approximate"/> (reference
    /// analysis to claim analysis) puts them: each claim feature takes the most similar reference feature projected
    /// within <paramref name="radius"/> pixels, with no ratio test. Where a picture's keypoints look alike (a dark
    /// sky, branches) the ratio test drops every true match; the position does the test's work here.</summary>
    public static GeometricMatch? Guided(FeatureSet claim, ReferenceImage reference, double[] approximate, Size claimSize, double radius)
    {
        var refFeatures = reference.Features;
        if (claim.Count < MinInliers || refFeatures.Count < MinInliers)
            return null;
        // Reference features projected into the claim, bucketed in cells one radius wide (counting sort): a claim
        // feature's partners lie in its own cell and the eight around it.
        var columns = (int)Math.Ceiling(claimSize.Width / radius) + 1;
        var rows = (int)Math.Ceiling(claimSize.Height / radius) + 1;
        var cellOf = new int[refFeatures.Count];
        var projected = new Point2d[refFeatures.Count];
        var starts = new int[(columns * rows) + 1];
        for (var j = 0; j < projected.Length; j++)
        {
            var (x, y) = AlignedReference.Apply(approximate, refFeatures.Points[j].X, refFeatures.Points[j].Y);
            projected[j] = new Point2d(x, y);
            var (cx, cy) = (Math.Floor(x / radius), Math.Floor(y / radius));
            cellOf[j] = double.IsFinite(x) && double.IsFinite(y) && cx >= 0 && cy >= 0 && cx < columns && cy < rows ? ((int)cy * columns) + (int)cx : -1;
            if (cellOf[j] >= 0)
                starts[cellOf[j] + 1]++;
        }
        for (var c = 0; c < columns * rows; c++)
            starts[c + 1] += starts[c];
        var order = new int[starts[^1]];
        var fill = (int[])starts.Clone();
        for (var j = 0; j < projected.Length; j++)
        {
            if (cellOf[j] >= 0)
                order[fill[cellOf[j]]++] = j;
        }

        var squared = radius * radius;
        var src = new List<Point2d>();
        var dst = new List<Point2d>();
        for (var i = 0; i < claim.Count; i++)
        {
            var c = claim.Points[i];
            var query = claim.Descriptors.AsSpan(i * HammingMatcher.Words, HammingMatcher.Words);
            var (best, bestDistance) = (-1, GuidedMaxDistance + 1);
            var (qx, qy) = ((int)Math.Floor(c.X / radius), (int)Math.Floor(c.Y / radius));
            for (var cy = Math.Max(0, qy - 1); cy <= Math.Min(rows - 1, qy + 1); cy++)
            {
                for (var cx = Math.Max(0, qx - 1); cx <= Math.Min(columns - 1, qx + 1); cx++)
                {
                    var cell = (cy * columns) + cx;
                    for (var k = starts[cell]; k < starts[cell + 1]; k++)
                    {
                        var j = order[k];
                        var (dx, dy) = (projected[j].X - c.X, projected[j].Y - c.Y);
                        if ((dx * dx) + (dy * dy) > squared)
                            continue;
                        var distance = HammingMatcher.Distance(query, refFeatures.Descriptors.AsSpan(j * HammingMatcher.Words, HammingMatcher.Words));
                        if (distance < bestDistance || (distance == bestDistance && j < best))
                            (best, bestDistance) = (j, distance);
                    }
                }
            }
            if (best < 0)
                continue;
            var r = refFeatures.Points[best];
            src.Add(new Point2d(r.X, r.Y));
            dst.Add(new Point2d(c.X, c.Y));
        }
        return Fit(src, dst, reference, mirrored: false, claimSize);
    }

    // A descriptor this far from its guided partner (of 256 bits) is another structure that happens to lie near.
    private const int GuidedMaxDistance = 80;

    private static GeometricMatch? Fit(List<Point2d> src, List<Point2d> dst, ReferenceImage reference, bool mirrored, Size claimSize)
    {
        if (src.Count < MinInliers)
            return null;

        using var inlierMask = new Mat();
        Mat h;
        try
        {
            h = Cv2.FindHomography(src, dst, HomographyMethods.USAC_MAGSAC, 4.0, inlierMask, 2000, 0.995);
        }
        catch (OpenCVException)
        {
            // Degenerate point sets (all matches on a line, duplicates) have no homography.
            return null;
        }
        using var _ = h;
        if (h.Empty())
            return null;
        var inliers = Cv2.CountNonZero(inlierMask);
        if (inliers < MinInliers)
            return null;
        var homography = new double[9];
        for (var i = 0; i < 9; i++)
            homography[i] = h.At<double>(i / 3, i % 3);
        var refSize = new Size(reference.Analysis.Width, reference.Analysis.Height);
        return IsSane(homography, refSize, claimSize) ? new GeometricMatch(reference, homography, inliers, mirrored) : null;
    }

    /// <summary>Rejects degenerate fits: reflections, extreme scale or perspective, a footprint too small to judge.</summary>
    internal static bool IsSane(double[] h, Size refSize, Size claimSize)
    {
        var corners = new[] { new Point2d(0, 0), new Point2d(refSize.Width, 0), new Point2d(refSize.Width, refSize.Height), new Point2d(0, refSize.Height) };
        var projected = new Point2d[4];
        for (var i = 0; i < 4; i++)
        {
            var w = h[6] * corners[i].X + h[7] * corners[i].Y + h[8];
            if (w <= 1e-6)
                return false;
            projected[i] = new Point2d((h[0] * corners[i].X + h[1] * corners[i].Y + h[2]) / w, (h[3] * corners[i].X + h[4] * corners[i].Y + h[5]) / w);
        }
        // Convex and counter-clockwise-consistent: every cross product has the same (positive) sign.
        double area = 0;
        for (var i = 0; i < 4; i++)
        {
            var a = projected[i];
            var b = projected[(i + 1) % 4];
            var c = projected[(i + 2) % 4];
            var cross = (b.X - a.X) * (c.Y - b.Y) - (b.Y - a.Y) * (c.X - b.X);
            if (cross <= 0)
                return false;
            area += a.X * b.Y - b.X * a.Y;
        }
        area /= 2;
        var scale = Math.Sqrt(area / ((double)refSize.Width * refSize.Height));
        if (scale is < 0.05 or > 10)
            return false;
        // Opposite sides of a photographed or resized picture keep similar lengths; a wild ratio is a bad fit.
        for (var i = 0; i < 2; i++)
        {
            var s1 = Distance(projected[i], projected[i + 1]);
            var s2 = Distance(projected[i + 2], projected[(i + 3) % 4]);
            if (s1 < 1e-6 || s2 < 1e-6 || Math.Max(s1 / s2, s2 / s1) > 2.5)
                return false;
        }
        return Math.Min(claimSize.Width, claimSize.Height) >= 16;
    }

    private static double Distance(Point2d a, Point2d b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
