using OpenCvSharp;

namespace ClaimLens.DevSet;

internal static class RandomExtensions
{
    public static double Uniform(this Random rng, double min, double max) => min + ((max - min) * rng.NextDouble());

    /// <summary>Log-uniform, for sizes and areas where ratios matter more than differences.</summary>
    public static double LogUniform(this Random rng, double min, double max) =>
        Math.Exp(rng.Uniform(Math.Log(min), Math.Log(max)));

    public static double Gaussian(this Random rng, double sigma)
    {
        // Box-Muller; 1 - NextDouble avoids log(0).
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static bool Chance(this Random rng, double p) => rng.NextDouble() < p;

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>An OpenCV generator seeded from <paramref name="rng"/>: fast bulk noise that stays
    /// deterministic, unlike OpenCV's thread-local default generator.</summary>
    public static RNG OpenCvGenerator(this Random rng) => new((ulong)rng.NextInt64(1, long.MaxValue));
}
