using System.Text.Json.Nodes;
using OpenCvSharp;

namespace ClaimLens.Forensics.Pixels;

/// <summary>Turns working-resolution rectangles into the report's full-resolution <c>[x, y, w, h]</c> arrays.</summary>
internal static class RegionBoxes
{
    public static JsonArray ToFullResolution(Rect box, double scale)
    {
        var s = scale > 0 ? scale : 1;
        var x = (int)Math.Floor(box.X / s);
        var y = (int)Math.Floor(box.Y / s);
        var right = (int)Math.Ceiling(box.Right / s);
        var bottom = (int)Math.Ceiling(box.Bottom / s);
        return [x, y, right - x, bottom - y];
    }

    public static JsonArray ToFullResolution(IEnumerable<Rect> boxes, double scale)
    {
        var array = new JsonArray();
        foreach (var box in boxes)
            array.Add(ToFullResolution(box, scale));
        return array;
    }
}
