namespace ClaimLens.Forensics.Derivation;

/// <summary>One filtered-copy model for the whole claim, fitted robustly on block moments: luma =
/// (a + ax x + ay y) r + b G1(r) + c G2(r) + e r²/2 + d + dx x + dy y, i.e. a global symmetric kernel, a smooth
/// global tone curve and a gentle linear shading; chroma = gain x reference chroma + offset per plane.
/// A phone re-save, resize or screenshot is global; an edit is local, so a block the global model does not
/// explain is changed, however linear the edit is inside it (a uniform stain or a blur would fit a per-block
/// model). A new photograph's lighting and geometry leave many blocks unexplained.</summary>
internal sealed class ToneModel
{
    public const int Parameters = 9;

    private static readonly int[] BasisOf = [0, 1, 2, 3, 4, 0, 0, 4, 4];

    private ToneModel(double[] luma, double[] chroma, double[] residual, double[] chromaResidual)
    {
        Luma = luma;
        ChromaGainOffset = chroma;
        Residual = residual;
        ChromaResidual = chromaResidual;
    }

    /// <summary>The 9 luma parameters in scaled units.</summary>
    public double[] Luma { get; }

    /// <summary>gain, offset for Cr then Cb (scaled units).</summary>
    public double[] ChromaGainOffset { get; }

    /// <summary>Per block, luma residual variance in grey levels².</summary>
    public double[] Residual { get; }

    /// <summary>Per block, mean chroma residual variance in grey levels².</summary>
    public double[] ChromaResidual { get; }

    /// <summary>Normalised block-centre coordinate in -1..1.</summary>
    public static double Position(int index, int count) => count <= 1 ? 0 : 2.0 * (index + 0.5) / count - 1;

    /// <param name="fit">The block moments.</param>
    /// <param name="tolerance">Per block, the residual variance (grey²) a copy may show there.</param>
    public static ToneModel Fit(BlockFit fit, double[] tolerance)
    {
        var n = fit.Count;
        var inlier = (bool[])fit.Valid.Clone();
        var theta = new double[Parameters];
        var residual = new double[n];
        for (var iteration = 0; iteration < 4; iteration++)
        {
            theta = Solve(fit, inlier);
            var scores = new List<double>(n);
            for (var i = 0; i < n; i++)
            {
                if (!fit.Valid[i]) continue;
                residual[i] = LumaResidual(fit, i, theta);
                scores.Add(residual[i] / tolerance[i]);
            }
            if (scores.Count == 0)
                break;
            scores.Sort();
            // Refit on the blocks a copy would explain, or at least on the better 60 %: edits and the
            // misfit of a new photograph must not steer the model.
            var cut = Math.Max(1.0, scores[(int)(scores.Count * 0.6)]);
            for (var i = 0; i < n; i++)
                inlier[i] = fit.Valid[i] && residual[i] / tolerance[i] <= cut;
        }

        var chroma = new double[4];
        var chromaResidual = new double[n];
        for (var ch = 0; ch < 2; ch++)
        {
            double sc = 0, sr = 0, srr = 0, scr = 0, count = 0;
            for (var i = 0; i < n; i++)
            {
                if (!inlier[i]) continue;
                var m = fit.Chroma.AsSpan(i * 10 + ch * 5, 5);
                sc += m[0]; sr += m[1]; srr += m[3]; scr += m[4]; count++;
            }
            if (count == 0) continue;
            var varR = srr / count - sr / count * (sr / count);
            var cov = scr / count - sc / count * (sr / count);
            var gain = cov / (varR + 1e-6);
            var offset = sc / count - gain * sr / count;
            chroma[2 * ch] = gain;
            chroma[2 * ch + 1] = offset;
            for (var i = 0; i < n; i++)
            {
                if (!fit.Valid[i]) continue;
                var m = fit.Chroma.AsSpan(i * 10 + ch * 5, 5);
                var r = m[2] - 2 * gain * m[4] - 2 * offset * m[0] + gain * gain * m[3] + 2 * gain * offset * m[1] + offset * offset;
                chromaResidual[i] += Math.Max(0, r) * BlockFit.Unit * BlockFit.Unit / 2;
            }
        }
        return new ToneModel(theta, chroma, residual, chromaResidual);
    }

    /// <summary>The local shift (analysis pixels) that would best explain block <paramref name="i"/>'s residual
    /// along the reference's gradients, or NaN where the block has too little gradient to tell.</summary>
    public double LocalShift(BlockFit fit, int i, double minGradientEnergy) =>
        ShiftVector(fit, i, minGradientEnergy) is { } s ? Math.Sqrt((s.Sx * s.Sx) + (s.Sy * s.Sy)) : double.NaN;

    /// <summary>As <see cref="LocalShift"/>, the shift vector with the block's position and the gradient Gram
    /// matrix that fixes it (weights still to be divided by the block's noise); null where it cannot tell.</summary>
    public BlockShift? ShiftVector(BlockFit fit, int i, double minGradientEnergy)
    {
        var gxx = fit.GradientGram[3 * i];
        var gxy = fit.GradientGram[3 * i + 1];
        var gyy = fit.GradientGram[3 * i + 2];
        var det = gxx * gyy - gxy * gxy;
        if (gxx + gyy < minGradientEnergy || det < 0.05 * (gxx + gyy) * (gxx + gyy) / 4)
            return null;
        Span<double> pos = stackalloc double[Parameters];
        Features(fit, i, pos);
        Span<double> e = stackalloc double[2];
        for (var g = 0; g < 2; g++)
        {
            var v = fit.ClaimGradient[2 * i + g];
            for (var p = 0; p < Parameters; p++)
                v -= Luma[p] * pos[p] * fit.GradientBasis[i * 2 * BlockFit.Bases + g * BlockFit.Bases + BasisOf[p]];
            e[g] = v;
        }
        var sx = (gyy * e[0] - gxy * e[1]) / det;
        var sy = (gxx * e[1] - gxy * e[0]) / det;
        return new BlockShift(Position(i % fit.Columns, fit.Columns), Position(i / fit.Columns, fit.Rows), sx, sy, gxx, gxy, gyy);
    }

    private static void Features(BlockFit fit, int i, Span<double> pos)
    {
        var x = Position(i % fit.Columns, fit.Columns);
        var y = Position(i / fit.Columns, fit.Rows);
        pos[0] = pos[1] = pos[2] = pos[3] = pos[4] = 1;
        pos[5] = x; pos[6] = y; pos[7] = x; pos[8] = y;
    }

    private static double LumaResidual(BlockFit fit, int i, double[] theta)
    {
        Span<double> pos = stackalloc double[Parameters];
        Features(fit, i, pos);
        const int b = BlockFit.Bases;
        double r = fit.ClaimSquare[i];
        for (var p = 0; p < Parameters; p++)
        {
            r -= 2 * theta[p] * pos[p] * fit.ClaimProducts[i * b + BasisOf[p]];
            for (var q = 0; q < Parameters; q++)
                r += theta[p] * theta[q] * pos[p] * pos[q] * fit.BasisProducts[i * b * b + BasisOf[p] * b + BasisOf[q]];
        }
        return Math.Max(0, r) * BlockFit.Unit * BlockFit.Unit;
    }

    private static double[] Solve(BlockFit fit, bool[] use)
    {
        const int b = BlockFit.Bases;
        var a = new double[Parameters * Parameters];
        var rhs = new double[Parameters];
        Span<double> pos = stackalloc double[Parameters];
        var count = 0;
        for (var i = 0; i < fit.Count; i++)
        {
            if (!use[i]) continue;
            count++;
            Features(fit, i, pos);
            for (var p = 0; p < Parameters; p++)
            {
                rhs[p] += pos[p] * fit.ClaimProducts[i * b + BasisOf[p]];
                for (var q = 0; q < Parameters; q++)
                    a[p * Parameters + q] += pos[p] * pos[q] * fit.BasisProducts[i * b * b + BasisOf[p] * b + BasisOf[q]];
            }
        }
        var theta = new double[Parameters];
        if (count == 0)
            return theta;
        // A light ridge keeps flat or tiny overlaps solvable (collinear bases); it is negligible on real texture.
        for (var p = 0; p < Parameters; p++)
            a[p * Parameters + p] += 1e-6 * count + 1e-4 * a[p * Parameters + p];
        return GaussSolve(a, rhs) ?? theta;
    }

    private static double[]? GaussSolve(double[] a, double[] rhs)
    {
        const int n = Parameters;
        var m = (double[])a.Clone();
        var x = (double[])rhs.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row * n + col]) > Math.Abs(m[pivot * n + col])) pivot = row;
            }
            if (Math.Abs(m[pivot * n + col]) < 1e-14) return null;
            if (pivot != col)
            {
                for (var k = 0; k < n; k++) (m[col * n + k], m[pivot * n + k]) = (m[pivot * n + k], m[col * n + k]);
                (x[col], x[pivot]) = (x[pivot], x[col]);
            }
            for (var row = col + 1; row < n; row++)
            {
                var f = m[row * n + col] / m[col * n + col];
                for (var k = col; k < n; k++) m[row * n + k] -= f * m[col * n + k];
                x[row] -= f * x[col];
            }
        }
        for (var row = n - 1; row >= 0; row--)
        {
            var s = x[row];
            for (var k = row + 1; k < n; k++) s -= m[row * n + k] * x[k];
            x[row] = s / m[row * n + row];
        }
        return x.All(double.IsFinite) ? x : null;
    }
}
