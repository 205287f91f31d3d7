using System.Globalization;
using System.Text.Json;

namespace ClaimLens.Web.Evidence;

/// <summary>What ffprobe says about a video's first picture stream, or why it could not say.</summary>
internal sealed record VideoProbe(int Width, int Height, double? DurationSeconds, double StartSeconds, string? Error)
{
    /// <summary>Reads ffprobe's JSON: <c>{"streams":[{"codec_name","width","height"}],"format":{"start_time","duration"}}</c>,
    /// numbers as strings in the format section.</summary>
    public static VideoProbe Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (!root.TryGetProperty("streams", out var streams) || streams.ValueKind != JsonValueKind.Array || streams.GetArrayLength() == 0)
                return Failed("the file holds no video picture");
            var stream = streams[0];
            var width = stream.TryGetProperty("width", out var w) && w.TryGetInt32(out var wv) ? wv : 0;
            var height = stream.TryGetProperty("height", out var h) && h.TryGetInt32(out var hv) ? hv : 0;
            if (width <= 0 || height <= 0)
                return Failed("the video's picture size is unknown");
            double? duration = null;
            var startSeconds = 0.0;
            if (root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Object)
            {
                duration = Number(format, "duration");
                startSeconds = Number(format, "start_time") ?? 0;
            }
            return new VideoProbe(width, height, duration is > 0 ? duration : null, startSeconds, null);
        }
        catch (JsonException)
        {
            return Failed("ffprobe gave no readable description of the video");
        }
    }

    public static VideoProbe Failed(string error) => new(0, 0, null, 0, error);

    private static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : null;
}
