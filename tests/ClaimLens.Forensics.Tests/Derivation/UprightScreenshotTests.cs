using ClaimLens.DevSet;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Derivation;

/// <summary>A photo placed in a chat screenshot is resized and shifted, never turned: when the feature fit is tilted by
/// a few tenths of a degree (features on a large painted edit), the refinement can be left with a shear, and the
/// comparison is made again on the nearest upright fit. Edits and screenshots come from the dev set's own generators;
/// the cases fail without the upright comparison.</summary>
public sealed class UprightScreenshotTests(ITestOutputHelper output)
{
    // Two of twelve cases tried (IXUS, A80, Issue_131, D3100; text edits, seeds 1-4) that only the upright comparison
    // finds; three others are missed with or without it.
    [Theory]
    [InlineData("photos/Canon_IXUS_430.jpg", ForgeryKind.Text, 2)]
    [InlineData("photos/Canon_IXUS_430.jpg", ForgeryKind.Text, 3)]
    public void Inspect_EditedPhotoInAScreenshot_IsDerived(string photo, ForgeryKind kind, int seed)
    {
        using var report = DevSetForgeries.Inspect(photo, kind, TransformKind.Screenshot, seed);
        if (report is null)
        {
            output.WriteLine(TestData.MissingMessage);
            return;
        }
        output.WriteLine($"{report.Match}");

        Assert.NotNull(report.Finding);
    }
}
