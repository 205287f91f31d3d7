using ClaimLens.Forensics.Derivation;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

public sealed class SpectralRegistrationTests
{
    [Theory]
    [InlineData(7.0, 1.0, 0, 0)]
    [InlineData(-12.0, 0.5, 30, -20)]
    [InlineData(3.0, 0.7, -15, 10)]
    [InlineData(175.0, 0.8, 0, 0)]
    public void Register_TurnedResizedAndShiftedCopy_FindsTheMoveWithinAFewPixels(double degrees, double scale, int dx, int dy)
    {
        using var scene = Scenes.Create(61);
        using var reference = Gray(scene);
        using var claim = Moved(reference, degrees, scale, dx, dy, out var truth);

        using var preparedClaim = SpectralRegistration.Prepare(claim)!;
        using var preparedReference = SpectralRegistration.Prepare(reference)!;
        var estimate = SpectralRegistration.Register(preparedClaim, preparedReference)[0];

        var error = AlignedReference.MaxCornerShift(estimate.Homography, truth, reference.Width - 1, reference.Height - 1);
        Assert.True(error < 4, $"corner error {error:F2} px; rotation {estimate.RotationDegrees:F2}, scale {estimate.Scale:F3}, response {estimate.Response:F3}");
    }

    [Fact]
    public void Register_UnrelatedPictures_ResponseFarBelowACopys()
    {
        using var a = Gray(Scenes.Create(62));
        using var b = Gray(Scenes.Create(63));
        using var copy = Moved(a, 5, 0.8, 0, 0, out _);
        using var pa = SpectralRegistration.Prepare(a)!;
        using var pb = SpectralRegistration.Prepare(b)!;
        using var pc = SpectralRegistration.Prepare(copy)!;

        var unrelated = SpectralRegistration.Register(pb, pa)[0].Response;
        var related = SpectralRegistration.Register(pc, pa)[0].Response;

        Assert.True(related > 3 * unrelated, $"copy {related:F3}, unrelated {unrelated:F3}");
    }

    private static Mat Gray(Mat bgr)
    {
        var gray = new Mat();
        Cv2.CvtColor(bgr, gray, ColorConversionCodes.BGR2GRAY);
        bgr.Dispose();
        return gray;
    }

    // The picture turned about its centre and scaled onto a canvas of the turned extent, then shifted; truth maps
    // reference pixels to claim pixels.
    private static Mat Moved(Mat source, double degrees, double scale, int dx, int dy, out double[] truth)
    {
        var centre = new Point2f((source.Width - 1) / 2f, (source.Height - 1) / 2f);
        using var rotation = Cv2.GetRotationMatrix2D(centre, degrees, scale);
        var radians = degrees * Math.PI / 180;
        var width = (int)Math.Ceiling(scale * ((Math.Abs(Math.Cos(radians)) * source.Width) + (Math.Abs(Math.Sin(radians)) * source.Height)));
        var height = (int)Math.Ceiling(scale * ((Math.Abs(Math.Sin(radians)) * source.Width) + (Math.Abs(Math.Cos(radians)) * source.Height)));
        rotation.Set(0, 2, rotation.At<double>(0, 2) + ((width - source.Width) / 2.0) + dx);
        rotation.Set(1, 2, rotation.At<double>(1, 2) + ((height - source.Height) / 2.0) + dy);
        truth = [rotation.At<double>(0, 0), rotation.At<double>(0, 1), rotation.At<double>(0, 2),
            rotation.At<double>(1, 0), rotation.At<double>(1, 1), rotation.At<double>(1, 2), 0, 0, 1];
        var moved = new Mat();
        Cv2.WarpAffine(source, moved, rotation, new Size(width, height), InterpolationFlags.Area, BorderTypes.Constant, Scalar.All(255));
        return moved;
    }
}
