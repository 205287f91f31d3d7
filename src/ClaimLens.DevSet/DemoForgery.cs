using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>The demo's forged claim photo, the same in <c>claimlens demo</c> and the desk's demo data: a crack
/// painted onto the listing photo (2 % of it), then halved as a phone's share dialog does.</summary>
public static class DemoForgery
{
    /// <summary>JPEG quality the demo saves the forgery with, as a phone re-compresses it.</summary>
    public const int JpegQuality = 75;

    /// <summary>The forged photo and its ground-truth mask at the same size; the caller disposes both.</summary>
    public static (Mat Image, Mat Mask) Make(Mat listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var rng = new Random(20261122);
        var (forged, truth) = Forgery.Apply(listing, ForgeryKind.Crack, rng, 0.02);
        using (forged)
        using (truth)
            return PhoneTransform.Apply(forged, truth, TransformKind.Resize50, rng);
    }
}
