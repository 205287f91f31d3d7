using System.Text.Json.Nodes;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Report;
using OpenCvSharp;

namespace ClaimLens.Forensics.Pixels;

/// <summary>Finds a region cloned elsewhere in the same photo (a duplicated crack or stain, a hidden label):
/// ORB keypoints matched against themselves, kept when the best match is far better than the second best
/// (g2NN), then grouped by displacement. A clone moves many keypoints by one and the same offset.</summary>
internal static class CopyMoveAnalysis
{
    private const int MaxFeatures = 1500;
    private const int MaxDescriptorDistance = 40;
    private const double RatioTest = 0.6;
    private const double MinShift = 20;
    private const int OffsetTolerance = 4;
    // Calibrated on the real photos: repeated texture (tiles, text, fences) gives a handful of consistent
    // pairs at most once the ratio test has removed the ambiguous ones.
    private const int MinPairs = 8;
    private const int MaxClusters = 3;
    private const int BoxMargin = 8;
    private const int PatchRadius = 8;
    private const int MinSpan = 24;
    private const double PeriodicSimilarity = 0.6;

    internal sealed record Result(Finding? Finding, IReadOnlyList<Rect> Boxes);

    private readonly record struct Pair(Point2f Source, Point2f Target)
    {
        public Point2f Offset => new(Target.X - Source.X, Target.Y - Source.Y);
    }

    public static Result Analyze(Mat bgr, double scale)
    {
        if (bgr.Width < 64 || bgr.Height < 64)
            return new Result(null, []);
        using var gray = new Mat();
        Cv2.CvtColor(bgr, gray, ColorConversionCodes.BGR2GRAY);
        var pairs = MatchAgainstItself(gray);
        if (pairs.Count < MinPairs)
            return new Result(null, []);

        var clusters = Cluster(pairs)
            .Where(c => !Periodic(gray, c))
            .ToList();
        if (clusters.Count == 0)
            return new Result(null, []);
        var boxes = new List<Rect>();
        var regions = new JsonArray();
        var clones = new JsonArray();
        var imageBox = new Rect(0, 0, gray.Width, gray.Height);
        foreach (var cluster in clusters)
        {
            var source = Bounds(cluster.Select(p => p.Source), imageBox);
            var target = Bounds(cluster.Select(p => p.Target), imageBox);
            boxes.Add(source);
            boxes.Add(target);
            var offset = Median(cluster.Select(p => p.Offset).ToList());
            var s = scale > 0 ? scale : 1;
            regions.Add(RegionBoxes.ToFullResolution(source, scale));
            regions.Add(RegionBoxes.ToFullResolution(target, scale));
            clones.Add(new JsonObject
            {
                ["source"] = RegionBoxes.ToFullResolution(source, scale),
                ["target"] = RegionBoxes.ToFullResolution(target, scale),
                ["pairs"] = cluster.Count,
                ["offset"] = new JsonArray(Math.Round(offset.X / s), Math.Round(offset.Y / s)),
            });
        }
        var best = clusters[0];
        var bestOffset = Median(best.Select(p => p.Offset).ToList());
        var details = new JsonObject
        {
            ["regions"] = regions,
            ["source"] = clones[0]!["source"]!.DeepClone(),
            ["target"] = clones[0]!["target"]!.DeepClone(),
            ["pairs"] = best.Count,
            ["similarity"] = Math.Round(Similarity(gray, best), 3),
            ["periodSimilarity"] = Math.Round(PeriodSimilarity(gray, best), 3),
            ["offset"] = new JsonArray(Math.Round(bestOffset.X / (scale > 0 ? scale : 1)), Math.Round(bestOffset.Y / (scale > 0 ? scale : 1))),
            ["clones"] = clones,
        };
        var summary = new LocalizedText(
            $"One part of the photo appears to be an exact copy of another part ({best.Count} matching points shifted by the same amount). Cloning is a common way to add or duplicate damage or to hide something; repeated patterns such as tiles can rarely cause this.",
            $"照片中的一部分似乎是另一部分的精确复制（{best.Count} 个匹配点以相同的位移出现）。克隆复制常被用来添加或复制损坏痕迹，或遮盖某些内容；瓷砖等重复图案偶尔也会造成这种情况。");
        var confidence = Math.Round(Math.Clamp(0.35 + 0.02 * (best.Count - MinPairs), 0.35, 0.7), 2);
        return new Result(new Finding(FindingCodes.CopyMove, Severity.Warning, confidence, summary, details), boxes);
    }

    private static List<Pair> MatchAgainstItself(Mat gray)
    {
        using var orb = ORB.Create(MaxFeatures, 1.2f, 2, 15, 0, 2, ORBScoreType.Harris, 15, 10);
        using var descriptors = new Mat();
        orb.DetectAndCompute(gray, null, out var keypoints, descriptors);
        var pairs = new List<Pair>();
        if (keypoints.Length < MinPairs || descriptors.Empty() || descriptors.Cols != 32 || descriptors.Type() != MatType.CV_8UC1)
            return pairs;

        var count = Math.Min(keypoints.Length, descriptors.Rows);
        var (best, second) = NearestTwo(descriptors, keypoints, count);
        for (var i = 0; i < count; i++)
        {
            var (distance, j) = best[i];
            // Each pair is seen from both ends; keep it once.
            if (j <= i || distance > MaxDescriptorDistance)
                continue;
            if (distance > RatioTest * second[i] || distance > RatioTest * second[j] || second[i] == 0 || second[j] == 0)
                continue;
            var a = keypoints[i].Pt;
            var b = keypoints[j].Pt;
            var dx = b.X - a.X;
            var dy = b.Y - a.Y;
            if (dx * dx + dy * dy < MinShift * MinShift)
                continue;
            // Orient every pair the same way so A->B and B->A land in one offset cluster.
            if (dx < 0 || (dx == 0 && dy < 0))
                (a, b) = (b, a);
            pairs.Add(new Pair(a, b));
        }
        return pairs;
    }

    // Hamming matching of 256-bit descriptors against each other (the keypoint itself excluded): for each, the
    // nearest other (distance, index) and the second-nearest distance. Keypoints within MinShift of each other
    // (one corner at two pyramid levels) do not count as others.
    private static unsafe ((int Distance, int Index)[] Best, int[] Second) NearestTwo(Mat descriptors, KeyPoint[] keypoints, int count)
    {
        var bits = new ulong[count * HammingMatcher.Words];
        var data = (byte*)descriptors.Data;
        var stride = descriptors.Step();
        for (var i = 0; i < count; i++)
        {
            var row = (ulong*)(data + i * stride);
            for (var w = 0; w < HammingMatcher.Words; w++)
                bits[i * HammingMatcher.Words + w] = row[w];
        }
        var points = new Point2f[count];
        for (var i = 0; i < count; i++)
            points[i] = keypoints[i].Pt;
        var (index, distance, second) = HammingMatcher.SearchApart(bits, points, (float)MinShift);
        var best = new (int Distance, int Index)[count];
        for (var i = 0; i < count; i++)
            best[i] = (distance[i], index[i]);
        return (best, second);
    }

    // Vote offsets into a coarse grid, take the strongest cells (with their neighbours) as clusters.
    private static List<List<Pair>> Cluster(List<Pair> pairs)
    {
        var votes = new Dictionary<(int, int), int>();
        foreach (var pair in pairs)
        {
            var key = Bin(pair.Offset);
            votes[key] = votes.GetValueOrDefault(key) + 1;
        }
        var clusters = new List<List<Pair>>();
        var used = new HashSet<int>();
        foreach (var (key, _) in votes.OrderByDescending(v => v.Value).Take(20))
        {
            if (clusters.Count >= MaxClusters)
                break;
            var centre = new Point2f(key.Item1 * OffsetTolerance * 2, key.Item2 * OffsetTolerance * 2);
            var members = new List<Pair>();
            var indices = new List<int>();
            for (var i = 0; i < pairs.Count; i++)
            {
                if (used.Contains(i))
                    continue;
                var o = pairs[i].Offset;
                if (Math.Abs(o.X - centre.X) <= 3 * OffsetTolerance && Math.Abs(o.Y - centre.Y) <= 3 * OffsetTolerance)
                {
                    members.Add(pairs[i]);
                    indices.Add(i);
                }
            }
            if (members.Count < MinPairs || !Spread(members))
                continue;
            // Tighten around the median offset: a clone's offset is exact, texture matches wander.
            var median = Median(members.Select(p => p.Offset).ToList());
            var tight = new List<Pair>();
            for (var j = 0; j < members.Count; j++)
            {
                var o = members[j].Offset;
                if (Math.Abs(o.X - median.X) <= OffsetTolerance && Math.Abs(o.Y - median.Y) <= OffsetTolerance)
                {
                    tight.Add(members[j]);
                    used.Add(indices[j]);
                }
            }
            if (tight.Count >= MinPairs && Spread(tight))
                clusters.Add(tight);
        }
        clusters.Sort((a, b) => b.Count.CompareTo(a.Count));
        return clusters;
    }

    // A repeated pattern (print, tiles, a fence) also matches one period further on and one period back,
    // and the offset found may be several periods; a clone's source and target are two places, not a row.
    private static readonly double[] PeriodMultiples = [-1, 2, 0.5, 1 / 3.0, 0.25];

    private static double PeriodSimilarity(Mat gray, List<Pair> cluster) =>
        PeriodMultiples.Max(m => Similarity(gray, cluster, m));

    private static bool Periodic(Mat gray, List<Pair> cluster) => PeriodSimilarity(gray, cluster) >= PeriodicSimilarity;

    // A clone copies pixels, sensor noise included: the patches around matched points correlate almost
    // perfectly at the cluster's offset. Repeated real-world patterns (print, tiles) differ in lighting,
    // perspective and noise, and correlate less.
    private static double Similarity(Mat gray, List<Pair> cluster, double multiple = 1)
    {
        var offset = Median(cluster.Select(p => p.Offset).ToList());
        int ox = (int)Math.Round(offset.X * multiple), oy = (int)Math.Round(offset.Y * multiple);
        var view = new GrayView(gray);
        var scores = new List<double>();
        foreach (var pair in cluster.Take(60))
        {
            int sx = (int)Math.Round(pair.Source.X) - PatchRadius, sy = (int)Math.Round(pair.Source.Y) - PatchRadius;
            if (sx < 0 || sy < 0 || sx + ox < 0 || sy + oy < 0)
                continue;
            if (sx + 2 * PatchRadius >= view.Width || sy + 2 * PatchRadius >= view.Height
                || sx + ox + 2 * PatchRadius >= view.Width || sy + oy + 2 * PatchRadius >= view.Height)
                continue;
            scores.Add(Zncc(view, sx, sy, sx + ox, sy + oy));
        }
        if (scores.Count == 0)
            return 0;
        scores.Sort();
        return scores[scores.Count / 2];
    }

    private static unsafe double Zncc(GrayView view, int ax, int ay, int bx, int by)
    {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        const int n = (2 * PatchRadius) * (2 * PatchRadius);
        for (var y = 0; y < 2 * PatchRadius; y++)
        {
            byte* ra = view.Row(ay + y) + ax, rb = view.Row(by + y) + bx;
            for (var x = 0; x < 2 * PatchRadius; x++)
            {
                double a = ra[x], b = rb[x];
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
            }
        }
        var va = saa - sa * sa / n;
        var vb = sbb - sb * sb / n;
        if (va < 1e-6 || vb < 1e-6)
            return 0;
        return (sab - sa * sb / n) / Math.Sqrt(va * vb);
    }

    private static (int, int) Bin(Point2f offset) =>
        ((int)Math.Round(offset.X / (2.0 * OffsetTolerance)), (int)Math.Round(offset.Y / (2.0 * OffsetTolerance)));

    // Matches stacked on a few pixels are not a region, and one repeated letter of printed text
    // (a few dozen pixels) should not be mistaken for a clone.
    private static bool Spread(List<Pair> members)
    {
        var distinct = members.Select(p => ((int)(p.Source.X / 4), (int)(p.Source.Y / 4))).Distinct().Count();
        var width = members.Max(p => p.Source.X) - members.Min(p => p.Source.X);
        var height = members.Max(p => p.Source.Y) - members.Min(p => p.Source.Y);
        return distinct >= MinPairs * 2 / 3 && width >= MinSpan && height >= MinSpan;
    }

    private static Point2f Median(List<Point2f> points)
    {
        var xs = points.Select(p => p.X).Order().ToList();
        var ys = points.Select(p => p.Y).Order().ToList();
        return new Point2f(xs[xs.Count / 2], ys[ys.Count / 2]);
    }

    private static Rect Bounds(IEnumerable<Point2f> points, Rect image)
    {
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var p in points)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }
        var box = new Rect((int)minX - BoxMargin, (int)minY - BoxMargin, (int)(maxX - minX) + 2 * BoxMargin, (int)(maxY - minY) + 2 * BoxMargin);
        return box & image;
    }
}
