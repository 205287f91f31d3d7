using ClaimLens.Forensics.Derivation;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class PixelMoveTests
{
    private const double Tolerance = 0.005;

    [Fact]
    public void NearestPixelMove_QuarterTurnFittedSlightlyOff_SnapsToTheExactTurnAndWholeShift()
    {
        // A 90° clockwise turn of a 2048 × 1365 picture (x' = 1364 - y, y' = x), fitted with a 0.07 % scale error,
        // a 0.05° tilt and a 0.3 px offset.
        var angle = 0.05 * Math.PI / 180;
        var s = 0.9993;
        double[] fitted = [-s * Math.Sin(angle), -s * Math.Cos(angle), 1364.3, s * Math.Cos(angle), -s * Math.Sin(angle), 0.2, 0, 0, 1];

        var move = Projective.NearestPixelMove(fitted, Tolerance, 2048, 1365);

        Assert.Equal([0, -1, 1364, 1, 0, 0, 0, 0, 1], move!);
    }

    [Fact]
    public void NearestPixelMove_MirrorWithCrop_KeepsTheMirrorAndTheIntegerCrop()
    {
        double[] fitted = [-1.001, 0.002, 1023.4, -0.001, 0.999, -311.6, 0, 0, 1];

        Assert.Equal([-1, 0, 1023, 0, 1, -312, 0, 0, 1], Projective.NearestPixelMove(fitted, Tolerance, 1024, 768)!);
    }

    [Theory]
    [InlineData(0.99, 0, 0)] // a 1 % resize is a resampling, not a move of whole pixels
    [InlineData(1, 1.5, 0)] // a 1.5° rotation
    [InlineData(1, 0, 1e-5)] // perspective: 2 % scale change across 2,048 px
    public void NearestPixelMove_NotAWholePixelMove_IsNull(double scale, double degrees, double perspective)
    {
        var a = degrees * Math.PI / 180;
        double[] fitted = [scale * Math.Cos(a), -scale * Math.Sin(a), 10, scale * Math.Sin(a), scale * Math.Cos(a), 20, perspective, 0, 1];

        Assert.Null(Projective.NearestPixelMove(fitted, Tolerance, 2048, 1536));
    }

    [Fact]
    public void NearestPixelMove_Shear_IsNull()
    {
        // Entries each round to 0 or 1, yet [[1, 1], [0, 1]] is no rotation or mirror.
        double[] fitted = [1, 0.998, 0, 0, 1, 0, 0, 0, 1];

        Assert.Null(Projective.NearestPixelMove(fitted, Tolerance, 100, 100));
    }
}
