using System.Formats.Cbor;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ClaimLens.Forensics.Provenance;

/// <summary>Turns a CBOR item into a JSON tree so claims and assertions can be read with one API.
/// Byte strings become base64 text (hashes are decoded back where needed); tags are dropped.</summary>
internal static class CborJson
{
    /// <summary>C2PA data is a few levels deep; anything deeper is hostile or broken.</summary>
    public const int MaxDepth = 48;

    /// <summary>Every item consumes at least one byte, so this also bounds work on huge declared counts.</summary>
    private const int MaxItems = 200_000;

    public static JsonNode? TryRead(ReadOnlyMemory<byte> data, out string? problem)
    {
        problem = null;
        try
        {
            var reader = new CborReader(data, CborConformanceMode.Lax, allowMultipleRootLevelValues: false);
            var items = 0;
            return ReadItem(reader, 0, ref items);
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException
                                       or OverflowException or ArgumentException or DepthException)
        {
            problem = ex is DepthException ? ex.Message : "CBOR is malformed: " + ex.Message;
            return null;
        }
    }

    private static JsonNode? ReadItem(CborReader reader, int depth, ref int items)
    {
        if (depth > MaxDepth)
            throw new DepthException($"CBOR nests deeper than {MaxDepth} levels");
        if (++items > MaxItems)
            throw new DepthException($"CBOR holds more than {MaxItems} items");
        switch (reader.PeekState())
        {
            case CborReaderState.Tag:
                reader.ReadTag();
                return ReadItem(reader, depth + 1, ref items);
            case CborReaderState.StartMap:
            {
                reader.ReadStartMap();
                var obj = new JsonObject();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var key = KeyText(ReadItem(reader, depth + 1, ref items));
                    var value = ReadItem(reader, depth + 1, ref items);
                    obj[key] = value; // last duplicate wins; Lax mode lets duplicates through
                }
                reader.ReadEndMap();
                return obj;
            }
            case CborReaderState.StartArray:
            {
                reader.ReadStartArray();
                var arr = new JsonArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                    arr.Add(ReadItem(reader, depth + 1, ref items));
                reader.ReadEndArray();
                return arr;
            }
            case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                return JsonValue.Create(reader.ReadTextString());
            case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                return JsonValue.Create(Convert.ToBase64String(reader.ReadByteString()));
            case CborReaderState.UnsignedInteger:
                return JsonValue.Create(reader.ReadUInt64());
            case CborReaderState.NegativeInteger:
                return JsonValue.Create(reader.ReadInt64());
            case CborReaderState.Boolean:
                return JsonValue.Create(reader.ReadBoolean());
            case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                var d = reader.ReadDouble();
                return double.IsFinite(d) ? JsonValue.Create(d) : null;
            case CborReaderState.Null or CborReaderState.SimpleValue:
                reader.SkipValue();
                return null;
            default:
                throw new CborContentException($"unexpected CBOR state {reader.PeekState()}");
        }
    }

    private static string KeyText(JsonNode? key) => key switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => key.ToJsonString(),
    };

    /// <summary>Text of <paramref name="node"/>[<paramref name="key"/>] when it is a string.</summary>
    public static string? Text(JsonNode? node, string key) =>
        node is JsonObject o && o.TryGetPropertyValue(key, out var v) && v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A byte string stored by <see cref="TryRead"/> (base64), or null.</summary>
    public static byte[]? Bytes(JsonNode? node, string key)
    {
        var text = Text(node, key);
        if (text is null) return null;
        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>A non-negative integer, or null.</summary>
    public static long? Integer(JsonNode? node, string key)
    {
        if (node is not JsonObject o || !o.TryGetPropertyValue(key, out var v) || v is not JsonValue jv) return null;
        if (jv.TryGetValue<ulong>(out var u)) return u <= long.MaxValue ? (long)u : null;
        if (jv.TryGetValue<long>(out var l)) return l;
        if (jv.TryGetValue<double>(out var dbl) && dbl >= 0 && dbl < 9e15 && Math.Floor(dbl) == dbl) return (long)dbl;
        return null;
    }

    public static string Describe(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : Convert.ToString(node?.ToJsonString(), CultureInfo.InvariantCulture) ?? "";

    private sealed class DepthException(string message) : Exception(message);
}
