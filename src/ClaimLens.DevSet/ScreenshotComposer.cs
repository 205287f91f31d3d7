using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>A phone screenshot of the picture: shown in a chat thread or a full-screen viewer, with the
/// status bar, app bars and some text a real screenshot carries.</summary>
internal static class ScreenshotComposer
{
    private const int Width = 1080;
    private static readonly int[] Heights = [1920, 2340, 2400];
    private static readonly string[] Names = ["Customer Service", "Shop Support", "Li Wei", "Anna", "Order #48213"];
    private static readonly string[] Lines = ["Hi, the item arrived like this", "see photo", "it was broken in the box", "please check", "I want a refund"];

    public static TransformResult Compose(Mat bgr, Mat mask, Random rng)
    {
        var height = rng.Pick(Heights);
        return rng.Chance(0.6) ? Chat(bgr, mask, rng, height) : Viewer(bgr, mask, rng, height);
    }

    private static TransformResult Chat(Mat bgr, Mat mask, Random rng, int height)
    {
        var theme = rng.Next(3);
        var (header, background, bubble) = theme switch
        {
            0 => (new Scalar(84, 94, 7), new Scalar(213, 221, 229), new Scalar(198, 248, 220)),    // green header, beige wall
            1 => (new Scalar(237, 237, 237), new Scalar(237, 237, 237), new Scalar(105, 233, 149)), // grey header, grey wall
            _ => (new Scalar(196, 140, 82), new Scalar(225, 235, 215), new Scalar(240, 250, 235)),  // blue header, pale wall
        };
        var headerText = theme == 1 ? Scalar.All(20) : Scalar.All(255);
        var canvas = new Mat(new Size(Width, height), MatType.CV_8UC3, background);
        var canvasMask = new Mat(canvas.Size(), MatType.CV_8UC1, Scalar.All(0));
        var statusH = rng.Next(66, 90);
        var headerH = rng.Next(130, 170);
        var footerH = rng.Next(130, 170);
        canvas.Rectangle(new Rect(0, 0, Width, statusH + headerH), header, -1);
        StatusBar(canvas, rng, statusH, headerText);
        canvas.PutText(rng.Pick(Names), new Point(150, statusH + (headerH / 2) + 14), HersheyFonts.HersheySimplex, 1.3, headerText, 2, LineTypes.AntiAlias);
        canvas.Circle(new Point(95, statusH + (headerH / 2)), 38, Scalar.All(180), -1, LineTypes.AntiAlias);
        canvas.Line(new Point(20, statusH + (headerH / 2)), new Point(45, statusH + (headerH / 2) - 22), headerText, 4, LineTypes.AntiAlias);
        canvas.Line(new Point(20, statusH + (headerH / 2)), new Point(45, statusH + (headerH / 2) + 22), headerText, 4, LineTypes.AntiAlias);

        // A text message above the picture, as the buyer writes before sending it.
        var y = statusH + headerH + 40;
        var line = rng.Pick(Lines);
        var textSize = Cv2.GetTextSize(line, HersheyFonts.HersheySimplex, 1.1, 2, out _);
        canvas.Rectangle(new Rect(Width - textSize.Width - 90, y, textSize.Width + 50, 90), bubble, -1, LineTypes.AntiAlias);
        canvas.PutText(line, new Point(Width - textSize.Width - 65, y + 58), HersheyFonts.HersheySimplex, 1.1, Scalar.All(30), 2, LineTypes.AntiAlias);
        y += 130;

        var maxW = (int)(Width * rng.Uniform(0.62, 0.78));
        var maxH = height - y - footerH - 120;
        var fit = Fit(bgr.Size(), maxW, maxH);
        var (small, smallMask) = PhoneTransform.ResizePair(bgr, mask, fit);
        using (small)
        using (smallMask)
        {
            const int pad = 8;
            var x = Width - fit.Width - 40 - pad;
            canvas.Rectangle(new Rect(x - pad, y - pad, fit.Width + (2 * pad), fit.Height + (2 * pad) + 50), bubble, -1, LineTypes.AntiAlias);
            var target = new Rect(x, y, fit.Width, fit.Height);
            using var canvasView = new Mat(canvas, target);
            using var maskView = new Mat(canvasMask, target);
            small.CopyTo(canvasView);
            smallMask.CopyTo(maskView);
            canvas.PutText($"{rng.Next(8, 23):00}:{rng.Next(60):00}", new Point(x + fit.Width - 110, y + fit.Height + 38), HersheyFonts.HersheySimplex, 0.8, Scalar.All(110), 2, LineTypes.AntiAlias);
        }

        var footerTop = height - footerH;
        canvas.Rectangle(new Rect(0, footerTop, Width, footerH), theme == 1 ? Scalar.All(247) : background, -1);
        canvas.Rectangle(new Rect(30, footerTop + 25, Width - 200, footerH - 50), Scalar.All(255), -1, LineTypes.AntiAlias);
        canvas.PutText("Message", new Point(70, footerTop + (footerH / 2) + 12), HersheyFonts.HersheySimplex, 1.1, Scalar.All(150), 2, LineTypes.AntiAlias);
        canvas.Circle(new Point(Width - 85, footerTop + (footerH / 2)), 50, header, -1, LineTypes.AntiAlias);
        return Finish(canvas, canvasMask);
    }

    private static TransformResult Viewer(Mat bgr, Mat mask, Random rng, int height)
    {
        var canvas = new Mat(new Size(Width, height), MatType.CV_8UC3, Scalar.All(0));
        var canvasMask = new Mat(canvas.Size(), MatType.CV_8UC1, Scalar.All(0));
        var statusH = rng.Next(66, 90);
        StatusBar(canvas, rng, statusH, Scalar.All(235));
        canvas.PutText("<", new Point(30, statusH + 80), HersheyFonts.HersheySimplex, 1.6, Scalar.All(235), 3, LineTypes.AntiAlias);
        canvas.PutText($"Today {rng.Next(8, 23):00}:{rng.Next(60):00}", new Point(110, statusH + 75), HersheyFonts.HersheySimplex, 1.1, Scalar.All(235), 2, LineTypes.AntiAlias);
        var footerH = rng.Next(160, 220);
        var available = height - statusH - 140 - footerH;
        var fit = Fit(bgr.Size(), Width, available);
        var (small, smallMask) = PhoneTransform.ResizePair(bgr, mask, fit);
        using (small)
        using (smallMask)
        {
            var target = new Rect((Width - fit.Width) / 2, statusH + 140 + ((available - fit.Height) / 2), fit.Width, fit.Height);
            using var canvasView = new Mat(canvas, target);
            using var maskView = new Mat(canvasMask, target);
            small.CopyTo(canvasView);
            smallMask.CopyTo(maskView);
        }
        var iconY = height - (footerH / 2);
        for (var i = 0; i < 4; i++)
        {
            var cx = (Width / 8) + (i * Width / 4);
            canvas.Rectangle(new Rect(cx - 25, iconY - 25, 50, 50), Scalar.All(220), 3, LineTypes.AntiAlias);
        }
        return Finish(canvas, canvasMask);
    }

    private static void StatusBar(Mat canvas, Random rng, int statusH, Scalar colour)
    {
        var baseline = (statusH / 2) + 14;
        canvas.PutText($"{rng.Next(8, 23)}:{rng.Next(60):00}", new Point(40, baseline), HersheyFonts.HersheySimplex, 1.1, colour, 2, LineTypes.AntiAlias);
        for (var bar = 0; bar < 4; bar++)
        {
            canvas.Rectangle(new Rect(Width - 250 + (bar * 14), baseline - (bar * 8) - 8, 9, (bar * 8) + 8), colour, -1);
        }
        canvas.Rectangle(new Rect(Width - 150, baseline - 26, 70, 30), colour, 2);
        canvas.Rectangle(new Rect(Width - 146, baseline - 22, (int)(62 * rng.Uniform(0.2, 1)), 22), colour, -1);
        canvas.PutText($"{rng.Next(10, 100)}%", new Point(Width - 75, baseline), HersheyFonts.HersheySimplex, 0.7, colour, 2, LineTypes.AntiAlias);
    }

    private static Size Fit(Size size, int maxW, int maxH)
    {
        var scale = Math.Min((double)maxW / size.Width, (double)Math.Max(1, maxH) / size.Height);
        return new Size(Math.Max(1, (int)Math.Round(size.Width * scale)), Math.Max(1, (int)Math.Round(size.Height * scale)));
    }

    private static TransformResult Finish(Mat canvas, Mat canvasMask) => new(canvas, canvasMask, null);
}
