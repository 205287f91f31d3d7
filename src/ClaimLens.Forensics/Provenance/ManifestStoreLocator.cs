using System.Buffers.Binary;
using ClaimLens.Forensics.Imaging;

namespace ClaimLens.Forensics.Provenance;

/// <summary>Finds the embedded C2PA manifest store (a JUMBF superbox) in a JPEG or PNG.</summary>
internal static class ManifestStoreLocator
{
    private const int MaxSegments = 65_536;

    /// <summary>The store's bytes, or null when the file carries none.</summary>
    public static byte[]? Locate(ReadOnlySpan<byte> file, ImageFormat format, List<string> problems) => format switch
    {
        ImageFormat.Jpeg => FromJpeg(file, problems),
        ImageFormat.Png => FromPng(file, problems),
        _ => null,
    };

    // JPEG: FFD8, then segments "FF marker len(2, counts itself) payload". C2PA rides in APP11 (FFEB):
    // "JP"(2) instance(2) sequence(4) then a JUMBF fragment. The first fragment of an instance starts with
    // the superbox header LBox(4) TBox(4) [XLBox(8)]; every later fragment repeats that header, which is
    // dropped when the fragments are joined in sequence order.
    private static byte[]? FromJpeg(ReadOnlySpan<byte> file, List<string> problems)
    {
        if (file.Length < 4 || file[0] != 0xFF || file[1] != 0xD8)
            return null;
        var instances = new Dictionary<int, List<(uint Seq, int Start, int Length)>>();
        var pos = 2;
        var segments = 0;
        while (pos + 4 <= file.Length && segments++ < MaxSegments)
        {
            if (file[pos] != 0xFF) { pos++; continue; }
            var marker = file[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) { pos += 2; continue; }
            if (marker is 0xD9 or 0xDA) break;
            int length = BinaryPrimitives.ReadUInt16BigEndian(file[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > file.Length)
            {
                if (marker == 0xEB)
                    problems.Add($"APP11 segment at offset {pos} runs past the end of the file");
                break;
            }
            if (marker == 0xEB && length >= 2 + 8 + 8 && file[pos + 4] == (byte)'J' && file[pos + 5] == (byte)'P')
            {
                int instance = BinaryPrimitives.ReadUInt16BigEndian(file[(pos + 6)..]);
                var seq = BinaryPrimitives.ReadUInt32BigEndian(file[(pos + 8)..]);
                if (!instances.TryGetValue(instance, out var list))
                    instances[instance] = list = [];
                list.Add((seq, pos + 12, length - 10));
            }
            pos += 2 + length;
        }

        byte[]? found = null;
        foreach (var (instance, fragments) in instances)
        {
            var store = Join(file, fragments, instance, problems);
            if (store is null)
                continue;
            if (!IsC2paStore(store))
            {
                // A damaged header still counts as "credentials present": the inspector reports them unusable.
                if (!LooksLikeC2pa(store))
                    continue;
                problems.Add($"APP11 instance {instance} looks like a C2PA manifest store but its box header is damaged");
            }
            if (found is null)
                found = store;
            else
                problems.Add($"more than one C2PA manifest store (APP11 instance {instance}); only the first was read");
        }
        return found;
    }

    private static byte[]? Join(ReadOnlySpan<byte> file, List<(uint Seq, int Start, int Length)> fragments, int instance, List<string> problems)
    {
        fragments.Sort(static (a, b) => a.Seq.CompareTo(b.Seq));
        var first = file.Slice(fragments[0].Start, fragments[0].Length);
        var header = BinaryPrimitives.ReadUInt32BigEndian(first) == 1 ? 16 : 8;
        if (first.Length < header)
        {
            problems.Add($"APP11 instance {instance} is too short to hold a JUMBF box header");
            return null;
        }
        long total = first.Length;
        for (var i = 1; i < fragments.Count; i++)
        {
            if (fragments[i].Seq == fragments[i - 1].Seq)
                problems.Add($"APP11 instance {instance} repeats sequence number {fragments[i].Seq}");
            total += Math.Max(0, fragments[i].Length - header);
        }
        // Bounded by the file's own size: fragments are slices of it.
        var store = new byte[total];
        first.CopyTo(store);
        var at = first.Length;
        for (var i = 1; i < fragments.Count; i++)
        {
            var f = file.Slice(fragments[i].Start, fragments[i].Length);
            if (f.Length <= header) continue;
            f[header..].CopyTo(store.AsSpan(at));
            at += f.Length - header;
        }
        return store;
    }

    // PNG: signature(8), then chunks "length(4) type(4) data(length) crc(4)"; the store is the caBX chunk's data.
    private static byte[]? FromPng(ReadOnlySpan<byte> file, List<string> problems)
    {
        // Not "\x89PNG..."u8: that literal encodes U+0089 as two UTF-8 bytes and never matches.
        if (file.Length < 8 || !file[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return null;
        var pos = 8;
        var chunks = 0;
        while (pos + 12 <= file.Length && chunks++ < MaxSegments)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[pos..]);
            var type = file.Slice(pos + 4, 4);
            if (length > (uint)(file.Length - pos - 12))
            {
                if (type.SequenceEqual("caBX"u8))
                    problems.Add($"PNG caBX chunk declares {length} bytes, more than the file holds");
                return null;
            }
            if (type.SequenceEqual("caBX"u8))
                return file.Slice(pos + 8, (int)length).ToArray();
            if (type.SequenceEqual("IEND"u8))
                return null;
            pos += 12 + (int)length;
        }
        return null;
    }

    private static bool LooksLikeC2pa(ReadOnlySpan<byte> store) => store[..Math.Min(store.Length, 64)].IndexOf("c2pa"u8) >= 0;

    // A C2PA store is a 'jumb' whose first child is a 'jumd' with the c2pa UUID (starts with "c2pa").
    private static bool IsC2paStore(ReadOnlySpan<byte> store)
    {
        if (store.Length < 8 || !store.Slice(4, 4).SequenceEqual("jumb"u8))
            return false;
        var header = BinaryPrimitives.ReadUInt32BigEndian(store) == 1 ? 16 : 8;
        return store.Length >= header + 12 && store.Slice(header + 4, 4).SequenceEqual("jumd"u8)
            && store.Slice(header + 8, 4).SequenceEqual("c2pa"u8);
    }
}
