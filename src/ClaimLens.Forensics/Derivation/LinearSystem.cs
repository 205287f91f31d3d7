namespace ClaimLens.Forensics.Derivation;

/// <summary>Small dense linear systems (the field and tone fits have at most a few dozen unknowns).</summary>
internal static class LinearSystem
{
    /// <summary>Solves the row-major n x n system <paramref name="a"/> x = <paramref name="rhs"/> by Gaussian
    /// elimination with partial pivoting; null when it is singular or the solution is not finite.</summary>
    public static double[]? Solve(double[] a, double[] rhs, int n)
    {
        var m = (double[])a.Clone();
        var x = (double[])rhs.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[(row * n) + col]) > Math.Abs(m[(pivot * n) + col]))
                    pivot = row;
            }
            if (Math.Abs(m[(pivot * n) + col]) < 1e-300)
                return null;
            if (pivot != col)
            {
                for (var k = 0; k < n; k++)
                    (m[(col * n) + k], m[(pivot * n) + k]) = (m[(pivot * n) + k], m[(col * n) + k]);
                (x[col], x[pivot]) = (x[pivot], x[col]);
            }
            for (var row = col + 1; row < n; row++)
            {
                var f = m[(row * n) + col] / m[(col * n) + col];
                for (var k = col; k < n; k++)
                    m[(row * n) + k] -= f * m[(col * n) + k];
                x[row] -= f * x[col];
            }
        }
        for (var row = n - 1; row >= 0; row--)
        {
            var s = x[row];
            for (var k = row + 1; k < n; k++)
                s -= m[(row * n) + k] * x[k];
            x[row] = s / m[(row * n) + row];
        }
        return x.All(double.IsFinite) ? x : null;
    }
}
