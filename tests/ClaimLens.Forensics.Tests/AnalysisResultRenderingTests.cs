using ClaimLens.Forensics.Derivation;
using ClaimLens.Forensics.Tests.Derivation;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests;

/// <summary>The pictures a reviewer sees: the heat map tints the changed region and leaves every other pixel as
/// the photo has it.</summary>
public sealed class AnalysisResultRenderingTests
{
    [Fact]
    public void RenderHeatmapPng_EditedCopy_TintsTheEditRedAndLeavesTheRestUntouched()
    {
        using var source = Scenes.Create(11, 960, 720);
        var (edited, truth) = Scenes.Edit(source, 2);
        using (truth)
        using (edited)
        {
            var claimBytes = Scenes.Jpeg(edited, 92);
            using var reference = ReferenceImage.Load(Scenes.Jpeg(source, 92), "listing.jpg");
            using var result = EvidenceAnalyzer.Analyze(claimBytes, new AnalysisOptions { References = [reference] });
            Assert.True(result.Derivation?.Derived, "the edited copy was not found derived: nothing to render");
            using var photo = Cv2.ImDecode(claimBytes, ImreadModes.Color);
            using var mask = Cv2.ImDecode(result.RenderWorkingMaskPng(), ImreadModes.Grayscale);

            using var heat = Cv2.ImDecode(result.RenderHeatmapPng(), ImreadModes.Color);

            Assert.Equal(photo.Size(), heat.Size());
            // Inside the mask: redder than the photo (red up or kept, green and blue pulled down by the tint, which is
            // 28-55 % where the working mask is set).
            // Far from it (the mask dilated, so the tint's resampled edge is left out): exactly the photo's pixels,
            // unless the noise or copy-move map tinted them amber.
            using var near = new Mat();
            Cv2.Dilate(mask, near, Cv2.GetStructuringElement(MorphShapes.Rect, new Size(9, 9)));
            int inside = 0, redder = 0, outside = 0, changed = 0;
            var (rows, cols) = (heat.Rows, heat.Cols);
            for (var y = 0; y < rows; y += 2)
            {
                for (var x = 0; x < cols; x += 2)
                {
                    var (p, h) = (photo.At<Vec3b>(y, x), heat.At<Vec3b>(y, x));
                    if (mask.At<byte>(y, x) == 255)
                    {
                        inside++;
                        if (h.Item2 >= p.Item2 && h.Item1 <= p.Item1 && h.Item0 <= p.Item0 && (h.Item0 + h.Item1 < p.Item0 + p.Item1 || p.Item0 + p.Item1 < 4))
                            redder++;
                    }
                    else if (near.At<byte>(y, x) == 0)
                    {
                        outside++;
                        if (h.Item0 != p.Item0 || h.Item1 != p.Item1 || h.Item2 != p.Item2)
                            changed++;
                    }
                }
            }
            Assert.True(inside > 100, $"the mask covers only {inside} sampled pixels");
            Assert.True(redder > inside * 0.95, $"{redder} of {inside} masked pixels are tinted red");
            Assert.True(changed < outside * 0.01, $"{changed} of {outside} pixels away from the change differ from the photo");
        }
    }
}
