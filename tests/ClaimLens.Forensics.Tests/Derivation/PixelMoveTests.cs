using ClaimLens.Forensics.Derivation;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class PixelMoveTests
{
    private const double Tolerance = 0.005;

    [Fact]
    public void NearestPixelMove_QuarterTurnFittedSlightlyOff_SnapsToTheExactTurnAndWholeShift()
    {
        // A 90° clockwise turn of a 2048 × 1365 picture (x' = 1364 - y, y' = x), fitted with a 0.07 % scale error and
        // a 0.05° tilt about the picture's centre, and 0.3 px off.
        double[] turn = [0, -1, 1364, 1, 0, 0, 0, 0, 1];
        var fitted = Off(turn, 2048, 1365, 0.9993, 0.05, 0.3);

        Assert.Equal(turn, Projective.NearestPixelMove(fitted, Tolerance, 2048, 1365)!);
    }

    [Fact]
    public void NearestPixelMove_ScaleErrorOffsetAtTheOrigin_TakesTheShiftAtTheCentre()
    {
        // The dev set's Canon A80 copy: the fit is a pixel off at the origin (ty -1.06) because of a 0.14 % vertical
        // scale error, yet exact at the centre of the 1536 × 2048 picture: the move is the identity, not a 1 px shift.
        double[] fitted = [1.0005, 1.464e-5, -0.0428, 0.00037826, 1.0014, -1.0586, 4.4792e-8, 4.1175e-7, 1];

        Assert.Equal([1, 0, 0, 0, 1, 0, 0, 0, 1], Projective.NearestPixelMove(fitted, Tolerance, 1536, 2048)!);
    }

    [Fact]
    public void NearestPixelMove_MirrorWithCrop_KeepsTheMirrorAndTheIntegerCrop()
    {
        double[] mirrorAndCrop = [-1, 0, 1023 - 200, 0, 1, -312, 0, 0, 1];
        var fitted = Off(mirrorAndCrop, 1024, 768, 1.001, -0.1, -0.4);

        Assert.Equal(mirrorAndCrop, Projective.NearestPixelMove(fitted, Tolerance, 1024, 768)!);
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

    // The exact move after a small scale and tilt about the reference's centre, shifted by a fraction of a pixel: a
    // least-squares fit is best determined at the centre, so that is where it agrees with the truth.
    private static double[] Off(double[] move, int width, int height, double scale, double degrees, double shift)
    {
        var (cx, cy) = ((width - 1) / 2.0, (height - 1) / 2.0);
        var a = degrees * Math.PI / 180;
        double[] aboutCentre = [1, 0, cx, 0, 1, cy, 0, 0, 1];
        double[] similarity = [scale * Math.Cos(a), -scale * Math.Sin(a), 0, scale * Math.Sin(a), scale * Math.Cos(a), 0, 0, 0, 1];
        double[] toCentre = [1, 0, -cx + shift, 0, 1, -cy + shift, 0, 0, 1];
        return Projective.Multiply(move, Projective.Multiply(aboutCentre, Projective.Multiply(similarity, toCentre)));
    }
}
