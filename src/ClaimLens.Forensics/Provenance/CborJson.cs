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
    private const int MaxItems = 50_000;

    /// <summary>Only hashes (at most 64 bytes) are read from byte strings; longer ones (embedded data) are skipped.</summary>
    private const int MaxByteString = 1024;

    /// <summary>Longer text is cut to this many characters (no field we use comes close).</summary>
    private const int MaxText = 8192;

    public static JsonNode? TryRead(ReadOnlyMemory<byte> data, out string? problem)
    {
        problem = null;
        try
        {
            var reader = new CborReader(data, CborConformanceMode.Lax, allowMultipleRootLevelValues: false);
            var items = 0;
            return new CborJsonReader(reader).ReadItem(0, ref items);
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException
                                       or OverflowException or ArgumentException or DepthException)
        {
            problem = ex is DepthException ? ex.Message : "CBOR is malformed: " + ex.Message;
            return null;
        }
    }

    /// <summary>Holds the reader and two small buffers, so declared lengths never decide an allocation.</summary>
    private sealed class CborJsonReader(CborReader reader)
    {
        private readonly CborReader _reader = reader;
        private readonly byte[] _bytes = new byte[MaxByteString];
        private readonly char[] _chars = new char[MaxText];

        public JsonNode? ReadItem(int depth, ref int items)
        {
            if (depth > MaxDepth)
                throw new DepthException($"CBOR nests deeper than {MaxDepth} levels");
            if (++items > MaxItems)
                throw new DepthException($"CBOR holds more than {MaxItems} items");
            switch (_reader.PeekState())
            {
                case CborReaderState.Tag:
                    _reader.ReadTag();
                    return ReadItem(depth + 1, ref items);
                case CborReaderState.StartMap:
                {
                    _reader.ReadStartMap();
                    var obj = new JsonObject();
                    while (_reader.PeekState() != CborReaderState.EndMap)
                    {
                        var key = KeyText(ReadItem(depth + 1, ref items));
                        var value = ReadItem(depth + 1, ref items);
                        obj[key] = value; // last duplicate wins; Lax mode lets duplicates through
                    }
                    _reader.ReadEndMap();
                    return obj;
                }
                case CborReaderState.StartArray:
                {
                    _reader.ReadStartArray();
                    var arr = new JsonArray();
                    while (_reader.PeekState() != CborReaderState.EndArray)
                        arr.Add(ReadItem(depth + 1, ref items));
                    _reader.ReadEndArray();
                    return arr;
                }
                case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                    return JsonValue.Create(Text());
                case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                    return JsonValue.Create(Bytes());
                case CborReaderState.UnsignedInteger:
                    return JsonValue.Create(_reader.ReadUInt64());
                case CborReaderState.NegativeInteger:
                    return JsonValue.Create(_reader.ReadInt64());
                case CborReaderState.Boolean:
                    return JsonValue.Create(_reader.ReadBoolean());
                case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                    var d = _reader.ReadDouble();
                    return double.IsFinite(d) ? JsonValue.Create(d) : null;
                case CborReaderState.Null or CborReaderState.SimpleValue:
                    _reader.SkipValue();
                    return null;
                default:
                    throw new CborContentException($"unexpected CBOR state {_reader.PeekState()}");
            }
        }

        private string Text()
        {
            if (_reader.TryReadTextString(_chars, out var written))
                return new string(_chars, 0, written);
            _reader.SkipValue();
            return "";
        }

        private string Bytes()
        {
            if (_reader.TryReadByteString(_bytes, out var written))
                return Convert.ToBase64String(_bytes, 0, written);
            _reader.SkipValue();
            return "";
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
