using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimLens.Forensics.Metadata;

/// <summary>Lenient reading of the small JSON objects that labels and generators write: keys in any case,
/// numbers or strings for values, and null for anything that is not a JSON object.</summary>
internal static class LooseJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 32,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The object in <paramref name="text"/>, or null when it is not a JSON object.</summary>
    public static JsonObject? ParseObject(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
            return null;
        try
        {
            if (JsonNode.Parse(text.AsSpan(start).Trim().ToString(), documentOptions: Options) is not JsonObject obj)
                return null;
            // JsonObject builds its dictionary lazily and throws there on duplicate keys: force it inside the try.
            _ = obj.Count;
            return obj;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The value of <paramref name="key"/> (any case) as text; numbers and booleans as written.</summary>
    public static string? Get(JsonObject obj, string key)
    {
        foreach (var (name, value) in obj)
        {
            if (!name.Equals(key, StringComparison.OrdinalIgnoreCase) || value is null)
                continue;
            return value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
                _ => null,
            };
        }
        return null;
    }

    /// <summary>The nested object under <paramref name="key"/> (any case), or null.</summary>
    public static JsonObject? GetObject(JsonObject obj, string key)
    {
        foreach (var (name, value) in obj)
        {
            if (name.Equals(key, StringComparison.OrdinalIgnoreCase))
                return value as JsonObject ?? (value?.GetValueKind() == JsonValueKind.String ? ParseObject(value.GetValue<string>()) : null);
        }
        return null;
    }
}
