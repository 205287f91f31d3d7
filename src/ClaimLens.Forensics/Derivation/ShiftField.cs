namespace ClaimLens.Forensics.Derivation;

/// <summary>The smooth displacement field left after alignment. A copy, once its homography is refined, needs no
/// local shift anywhere: the per-block shifts are noise, incoherent from block to block. A new photograph has a
/// different lens and viewpoint, which no homography removes: its blocks need a shift that varies smoothly over
/// the picture (radial distortion grows with the cube of the distance from the centre). The field is fitted
/// with cubic polynomials per component, weighting each block by how precisely its gradients fix a shift, and
/// what matters is the part a homography could not have absorbed (the cubic terms beyond the projective ones).</summary>
internal sealed class ShiftField
{
    // Cubic monomials in the normalised block position: 1, x, y, x², xy, y², x³, x²y, xy², y³.
    private const int Terms = 10;

    // Displacements of a small homography error: translation, the linear part and the two projective terms
    // (g x + h y)(x, y), which tie the x and y components together.
    private const int ProjectiveParameters = 8;

    private const int MinBlocks = 24;

    // Blocks whose weighted misfit exceeds this multiple of the median are outliers (an edit, a highlight).
    private const double OutlierFactor = 9;

    private ShiftField(int blocks, double curvedRms, double significance)
    {
        Blocks = blocks;
        CurvedRms = curvedRms;
        Significance = significance;
    }

    /// <summary>Blocks that measured a shift.</summary>
    public int Blocks { get; }

    /// <summary>RMS over the measured blocks (analysis pixels) of the fitted field minus its best projective
    /// approximation: about 0 for a copy, 0.1 px and more for a new photograph through another lens. NaN when
    /// too few blocks measured a shift.</summary>
    public double CurvedRms { get; }

    /// <summary>F statistic of the cubic terms over the projective fit: about 1 when the extra terms only fit
    /// noise, far above 1 when the residual displacement is structured. NaN when too few blocks.</summary>
    public double Significance { get; }

    public static ShiftField None { get; } = new(0, double.NaN, double.NaN);

    /// <summary>Fits the field on <paramref name="shifts"/>: per block its position in -1..1, its measured
    /// shift and the 2x2 weight (gradient Gram matrix over the residual variance) of that shift.</summary>
    public static ShiftField Fit(IReadOnlyList<BlockShift> shifts)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        if (shifts.Count < MinBlocks)
            return None;
        var use = new bool[shifts.Count];
        Array.Fill(use, true);
        double[] full = [];
        double[] projective = [];
        for (var pass = 0; pass < 2; pass++)
        {
            full = SolveFull(shifts, use);
            if (pass == 1)
            {
                projective = Solve(shifts, use, Projective, ProjectiveParameters);
                break;
            }
            var misfit = shifts.Select(s => Misfit(s, Evaluate(full, s, Full))).ToArray();
            var limit = OutlierFactor * Median(misfit);
            for (var i = 0; i < shifts.Count; i++)
                use[i] = misfit[i] <= limit;
        }
        var n = use.Count(u => u);
        if (n < MinBlocks)
            return None;
        double curved = 0, residualFull = 0, residualProjective = 0;
        for (var i = 0; i < shifts.Count; i++)
        {
            if (!use[i])
                continue;
            var s = shifts[i];
            var f = Evaluate(full, s, Full);
            var p = Evaluate(projective, s, Projective);
            curved += ((f.X - p.X) * (f.X - p.X)) + ((f.Y - p.Y) * (f.Y - p.Y));
            residualFull += Misfit(s, f);
            residualProjective += Misfit(s, p);
        }
        var extra = (2 * Terms) - ProjectiveParameters;
        var dof = (2 * n) - (2 * Terms);
        var significance = dof <= 0 || residualFull <= 0
            ? double.NaN
            : Math.Max(0, residualProjective - residualFull) / extra / (residualFull / dof);
        return new ShiftField(n, Math.Sqrt(curved / n), significance);
    }

    /// <summary>Weighted squared distance between the measured shift and a model's.</summary>
    private static double Misfit(BlockShift s, (double X, double Y) model)
    {
        double dx = s.Sx - model.X, dy = s.Sy - model.Y;
        return (s.Wxx * dx * dx) + (2 * s.Wxy * dx * dy) + (s.Wyy * dy * dy);
    }

    private static (double X, double Y) Evaluate(double[] theta, BlockShift s, Basis basis)
    {
        Span<double> bx = stackalloc double[2 * Terms];
        Span<double> by = stackalloc double[2 * Terms];
        basis(s.X, s.Y, bx, by);
        double x = 0, y = 0;
        for (var k = 0; k < theta.Length; k++)
        {
            x += theta[k] * bx[k];
            y += theta[k] * by[k];
        }
        return (x, y);
    }

    private delegate void Basis(double x, double y, Span<double> bx, Span<double> by);

    /// <summary>Independent cubic polynomials for the x and y components.</summary>
    private static void Full(double x, double y, Span<double> bx, Span<double> by)
    {
        Span<double> m = [1, x, y, x * x, x * y, y * y, x * x * x, x * x * y, x * y * y, y * y * y];
        bx.Clear();
        by.Clear();
        for (var k = 0; k < Terms; k++)
        {
            bx[k] = m[k];
            by[Terms + k] = m[k];
        }
    }

    /// <summary>A small homography change: affine (6) plus the shared projective pair.</summary>
    private static void Projective(double x, double y, Span<double> bx, Span<double> by)
    {
        bx.Clear();
        by.Clear();
        bx[0] = 1; bx[1] = x; bx[2] = y;
        by[3] = 1; by[4] = x; by[5] = y;
        bx[6] = x * x; by[6] = x * y;
        bx[7] = x * y; by[7] = y * y;
    }

    /// <summary>The cubic fit, accumulated per weight component on the 10 monomials (the x and y parts share
    /// them), a quarter of the work of the generic normal equations.</summary>
    private static double[] SolveFull(IReadOnlyList<BlockShift> shifts, bool[] use)
    {
        const int n = 2 * Terms;
        var mm = new double[3 * Terms * Terms];
        var rhs = new double[n];
        Span<double> m = stackalloc double[Terms];
        for (var i = 0; i < shifts.Count; i++)
        {
            if (!use[i])
                continue;
            var s = shifts[i];
            double x = s.X, y = s.Y;
            m[0] = 1; m[1] = x; m[2] = y; m[3] = x * x; m[4] = x * y; m[5] = y * y;
            m[6] = x * x * x; m[7] = x * x * y; m[8] = x * y * y; m[9] = y * y * y;
            var rx = (s.Wxx * s.Sx) + (s.Wxy * s.Sy);
            var ry = (s.Wxy * s.Sx) + (s.Wyy * s.Sy);
            for (var p = 0; p < Terms; p++)
            {
                rhs[p] += rx * m[p];
                rhs[Terms + p] += ry * m[p];
                for (var q = p; q < Terms; q++)
                {
                    var mpq = m[p] * m[q];
                    var k = (p * Terms) + q;
                    mm[k] += s.Wxx * mpq;
                    mm[(Terms * Terms) + k] += s.Wxy * mpq;
                    mm[(2 * Terms * Terms) + k] += s.Wyy * mpq;
                }
            }
        }
        var a = new double[n * n];
        for (var p = 0; p < Terms; p++)
        {
            for (var q = 0; q < Terms; q++)
            {
                var k = (Math.Min(p, q) * Terms) + Math.Max(p, q);
                a[(p * n) + q] = mm[k];
                a[(p * n) + Terms + q] = mm[(Terms * Terms) + k];
                a[((Terms + p) * n) + q] = mm[(Terms * Terms) + k];
                a[((Terms + p) * n) + Terms + q] = mm[(2 * Terms * Terms) + k];
            }
        }
        return Regularised(a, rhs, n);
    }

    private static double[] Solve(IReadOnlyList<BlockShift> shifts, bool[] use, Basis basis, int parameters)
    {
        var a = new double[parameters * parameters];
        var rhs = new double[parameters];
        Span<double> bx = stackalloc double[2 * Terms];
        Span<double> by = stackalloc double[2 * Terms];
        for (var i = 0; i < shifts.Count; i++)
        {
            if (!use[i])
                continue;
            var s = shifts[i];
            basis(s.X, s.Y, bx, by);
            // Weighted normal equations of sum (s - B theta)^T W (s - B theta), B = [bx; by].
            for (var p = 0; p < parameters; p++)
            {
                var wbx = (s.Wxx * bx[p]) + (s.Wxy * by[p]);
                var wby = (s.Wxy * bx[p]) + (s.Wyy * by[p]);
                rhs[p] += (wbx * s.Sx) + (wby * s.Sy);
                for (var q = 0; q < parameters; q++)
                    a[(p * parameters) + q] += (wbx * bx[q]) + (wby * by[q]);
            }
        }
        return Regularised(a, rhs, parameters);
    }

    // A vanishing ridge keeps a degenerate layout (blocks on one line) solvable.
    private static double[] Regularised(double[] a, double[] rhs, int n)
    {
        var scale = 0.0;
        for (var p = 0; p < n; p++)
            scale = Math.Max(scale, a[(p * n) + p]);
        for (var p = 0; p < n; p++)
            a[(p * n) + p] += 1e-9 * (scale + 1e-12);
        return LinearSystem.Solve(a, rhs, n) ?? new double[n];
    }

    private static double Median(double[] values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
