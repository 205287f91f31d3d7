using System.Globalization;
using System.Text.Json.Nodes;
using ClaimLens.Forensics.Report;
using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Words and details of a <c>derived_from_reference</c> finding.</summary>
internal static class DerivationFinding
{
    private const int MaxRegions = 20;

    public static Finding Create(DerivationMatch match, double changedFraction, IReadOnlyList<Rect> regions)
    {
        var percent = (changedFraction * 100).ToString(changedFraction < 0.1 ? "0.0" : "0", CultureInfo.InvariantCulture);
        var name = match.ReferenceName;
        LocalizedText summary;
        if (regions.Count == 0)
        {
            summary = new LocalizedText(
                $"This photo is the merchant's reference '{name}', unchanged apart from size, framing or compression: it matches pixel for pixel after alignment, so it is not a new photo of the goods received.",
                $"这张照片就是商家的参考图“{name}”，除尺寸、裁剪或压缩外没有改动：对齐后逐像素一致，因此不是收货后新拍的照片。");
        }
        else
        {
            var regionWord = regions.Count == 1 ? "1 region" : $"{regions.Count} regions";
            summary = new LocalizedText(
                $"This photo is the merchant's reference '{name}' with {percent} % of it changed ({regionWord}, outlined): the rest matches pixel for pixel after alignment.",
                $"这张照片是商家的参考图“{name}”，其中 {percent}% 的内容被改动（{regions.Count} 处，已框出）；其余部分对齐后逐像素一致。");
        }
        var regionArray = new JsonArray();
        foreach (var r in regions)
            regionArray.Add(new JsonArray(r.X, r.Y, r.Width, r.Height));
        var details = new JsonObject
        {
            ["reference"] = name,
            ["changedFraction"] = Math.Round(changedFraction, 4),
            ["regions"] = regionArray,
            ["inliers"] = match.Inliers,
            ["explainedFraction"] = Math.Round(match.ExplainedFraction, 4),
            ["residualRatio"] = Math.Round(match.ResidualRatio, 3),
            ["localShift"] = Math.Round(match.LocalShift, 3),
            // NaN (the noise cue abstained) has no JSON number: null.
            ["noiseCorrelation"] = Rounded(match.NoiseCorrelation),
            ["expectedNoiseCorrelation"] = Rounded(match.ExpectedNoiseCorrelation),
            ["mirrored"] = match.Mirrored,
            ["transform"] = new JsonObject
            {
                ["scale"] = Math.Round(match.Scale, 4),
                ["rotationDeg"] = Math.Round(match.RotationDegrees, 2),
            },
        };
        var confidence = Math.Clamp(0.9 + 0.1 * match.ExplainedFraction, 0, 0.99);
        return new Finding(FindingCodes.DerivedFromReference, Severity.Critical, confidence, summary, details);
    }

    /// <summary>Bounding boxes of the mask's connected components in full-resolution claim pixels, largest first.</summary>
    public static List<Rect> Regions(Mat mask, double toFullX, double toFullY)
    {
        // Only the box around the changed pixels is labelled (labelling the whole working mask, mostly empty, cost
        // ~5 ms). The box starts on even coordinates: OpenCV labels 2 x 2 blocks in raster order, so on the same
        // block grid the components come out in the same order, and equal areas keep their order below.
        var box = Cv2.BoundingRect(mask);
        if (box.Width == 0 || box.Height == 0)
            return [];
        var (left, top) = (box.X & ~1, box.Y & ~1);
        using var changed = new Mat(mask, new Rect(left, top, box.Right - left, box.Bottom - top));
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(changed, labels, stats, centroids, PixelConnectivity.Connectivity8);
        var boxes = new List<(int Area, Rect Box)>();
        for (var label = 1; label < count; label++)
        {
            var x = left + stats.At<int>(label, (int)ConnectedComponentsTypes.Left);
            var y = top + stats.At<int>(label, (int)ConnectedComponentsTypes.Top);
            var w = stats.At<int>(label, (int)ConnectedComponentsTypes.Width);
            var h = stats.At<int>(label, (int)ConnectedComponentsTypes.Height);
            var area = stats.At<int>(label, (int)ConnectedComponentsTypes.Area);
            boxes.Add((area, new Rect((int)Math.Floor(x * toFullX), (int)Math.Floor(y * toFullY), (int)Math.Ceiling(w * toFullX), (int)Math.Ceiling(h * toFullY))));
        }
        return boxes.OrderByDescending(b => b.Area).Take(MaxRegions).Select(b => b.Box).ToList();
    }

    private static JsonNode? Rounded(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 3)) : null;
}
