using ClaimLens.Forensics.Report;

namespace ClaimLens.Cli.Evaluation;

/// <summary>The evaluation's figures for a set of outcomes (the whole manifest or one kind).</summary>
internal sealed record EvalMetrics(
    int Count,
    int Forged,
    int Genuine,
    int Errors,
    double? DetectionRate,
    double? ForgedDerivedRate,
    double? FalseDerivedRate,
    double? GenuineFlaggedRate,
    double? GenuineReviewRate,
    double? Auc,
    double? MeanIou,
    int IouCount,
    double? MeanIouAll,
    double MedianMs,
    double P95Ms,
    int ExpectationsMet,
    int Expectations)
{
    /// <summary>Edits smaller than this fraction of the image are left out of <see cref="MeanIou"/> (the target).</summary>
    public const double IouMinTruthFraction = 0.01;

    public static EvalMetrics From(IReadOnlyCollection<EvalOutcome> outcomes)
    {
        var ok = outcomes.Where(o => o.Error is null).ToList();
        var forged = ok.Where(o => o.Row.Forged).ToList();
        var genuine = ok.Where(o => !o.Row.Forged).ToList();
        var withRefs = forged.Where(o => o.Row.References.Count > 0).ToList();
        var iou = forged.Where(o => o.Iou is not null && o.TruthFraction >= IouMinTruthFraction).Select(o => o.Iou!.Value).ToList();
        var iouAll = forged.Where(o => o.Iou is not null).Select(o => o.Iou!.Value).ToList();
        var times = ok.Select(o => o.Milliseconds).Order().ToList();
        var expectations = ok.Sum(o => o.Row.Expect.Count);
        var met = ok.Sum(o => o.Row.Expect.Count - o.MissingExpectations.Count());

        return new EvalMetrics(
            outcomes.Count, forged.Count, genuine.Count, outcomes.Count - ok.Count,
            Rate(forged, o => o.Detected),
            Rate(withRefs, o => o.Derived),
            Rate(genuine, o => o.Derived),
            Rate(genuine, o => o.Detected),
            Rate(genuine, o => o.Verdict == Verdict.NeedsReview),
            AreaUnderCurve(forged.Select(o => (double)o.Risk).ToList(), genuine.Select(o => (double)o.Risk).ToList()),
            iou.Count == 0 ? null : iou.Average(), iou.Count,
            iouAll.Count == 0 ? null : iouAll.Average(),
            Percentile(times, 0.5), Percentile(times, 0.95),
            met, expectations);
    }

    private static double? Rate(IReadOnlyCollection<EvalOutcome> set, Func<EvalOutcome, bool> predicate) =>
        set.Count == 0 ? null : (double)set.Count(predicate) / set.Count;

    /// <summary>Area under the ROC curve of risk: the probability that a random forged photo scores higher than a
    /// random genuine one, ties counting half (Mann–Whitney U / (n₁n₀)).</summary>
    internal static double? AreaUnderCurve(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0)
            return null;
        var sortedNeg = negatives.Order().ToArray();
        double wins = 0;
        foreach (var p in positives)
        {
            var below = LowerBound(sortedNeg, p);
            var notAbove = UpperBound(sortedNeg, p);
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double)positives.Count * negatives.Count);
    }

    /// <summary>Nearest-rank percentile of an ascending list; 0 for an empty one.</summary>
    internal static double Percentile(IReadOnlyList<double> ascending, double p)
    {
        if (ascending.Count == 0)
            return 0;
        var rank = (int)Math.Ceiling(p * ascending.Count);
        return ascending[Math.Clamp(rank - 1, 0, ascending.Count - 1)];
    }

    private static int LowerBound(double[] a, double x)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi) { var mid = (lo + hi) / 2; if (a[mid] < x) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int UpperBound(double[] a, double x)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi) { var mid = (lo + hi) / 2; if (a[mid] <= x) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
