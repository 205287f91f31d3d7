using ClaimLens.DevSet;
using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Imaging;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Derivation;

/// <summary>A forged claim made as the dev set makes one, inspected against its listing: the shared photo reduced to a
/// long side of 2,048 px and saved at q95 as the listing, an edit of about 3 % from the dev set's generator, a phone
/// transform, a q90 save.</summary>
internal static class DevSetForgeries
{
    /// <summary>The derivation report (the caller disposes it); null where <c>../shared</c> is absent.</summary>
    public static DerivationReport? Inspect(string photo, ForgeryKind kind, TransformKind transform, int seed)
    {
        var path = TestData.Find(photo);
        if (path is null)
            return null;
        using var master = DevSetBuilder.Master(path, 2048);
        Assert.NotNull(master);
        var listingBytes = Scenes.Jpeg(master, 95);
        using var listing = ReferenceImage.Load(listingBytes, "listing.jpg");
        using var decoded = Cv2.ImDecode(listingBytes, ImreadModes.Color);
        var (edited, truth) = Forgery.Apply(decoded, kind, new Random(seed), 0.03);
        using (edited)
        using (truth)
        {
            var (image, mask) = PhoneTransform.Apply(edited, truth, transform, new Random(seed));
            using (image)
            using (mask)
            {
                var bytes = Scenes.Jpeg(image, 90);
                using var claim = ImageLoader.Load(bytes);
                return DerivationInspector.Inspect(claim, [listing], JpegInfo.Read(bytes));
            }
        }
    }
}
