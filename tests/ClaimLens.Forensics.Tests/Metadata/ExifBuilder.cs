using System.Buffers.Binary;
using System.Text;

namespace ClaimLens.Forensics.Tests.Metadata;

/// <summary>Writes a minimal little-endian TIFF/EXIF block: IFD0, an EXIF sub-IFD, a GPS IFD and an IFD1
/// thumbnail, each only when it has entries.</summary>
internal sealed class ExifBuilder
{
    private const ushort Byte = 1, Ascii = 2, Short = 3, Long = 4, Rational = 5, Undefined = 7;

    private readonly List<Entry> _ifd0 = [];
    private readonly List<Entry> _exif = [];
    private readonly List<Entry> _gps = [];
    private byte[]? _thumbnail;

    public ExifBuilder Ifd0(ushort tag, string value) => Add(_ifd0, tag, Ascii, value);
    public ExifBuilder Ifd0Short(ushort tag, ushort value) => Add(_ifd0, new Entry(tag, Short, 1, LittleEndian16(value)));
    public ExifBuilder Ifd0Bytes(ushort tag, byte[] value) => Add(_ifd0, new Entry(tag, Byte, (uint)value.Length, value));
    public ExifBuilder Exif(ushort tag, string value) => Add(_exif, tag, Ascii, value);
    public ExifBuilder ExifUndefined(ushort tag, byte[] value) => Add(_exif, new Entry(tag, Undefined, (uint)value.Length, value));
    public ExifBuilder Gps(ushort tag, string value) => Add(_gps, tag, Ascii, value);

    public ExifBuilder GpsRationals(ushort tag, params uint[] numerators)
    {
        var data = new byte[numerators.Length * 8];
        for (var i = 0; i < numerators.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(i * 8), numerators[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(i * 8 + 4), 1);
        }
        return Add(_gps, new Entry(tag, Rational, (uint)numerators.Length, data));
    }

    public ExifBuilder Thumbnail(byte[] jpeg)
    {
        _thumbnail = jpeg;
        return this;
    }

    /// <summary>The APP1 payload: "Exif\0\0" then the TIFF block.</summary>
    public byte[] BuildApp1() => [.. "Exif\0\0"u8, .. BuildTiff()];

    /// <summary>"II" 2A 00 then the IFD0 offset; sub-IFDs are written first so IFD0 can point at them.</summary>
    public byte[] BuildTiff()
    {
        using var stream = new MemoryStream();
        stream.Write("II*\0"u8);
        stream.Write(new byte[4]);
        var ifd0 = new List<Entry>(_ifd0);
        if (_exif.Count > 0)
            ifd0.Add(new Entry(0x8769, Long, 1, LittleEndian32((uint)WriteIfd(stream, _exif))));
        if (_gps.Count > 0)
            ifd0.Add(new Entry(0x8825, Long, 1, LittleEndian32((uint)WriteIfd(stream, _gps))));
        var ifd0Offset = WriteIfd(stream, ifd0);
        Patch(stream, 4, (uint)ifd0Offset);
        if (_thumbnail is not null)
        {
            // IFD1: three inline entries, so the thumbnail starts right after the IFD.
            var ifd1Offset = (int)stream.Position;
            var thumbOffset = ifd1Offset + 2 + 3 * 12 + 4;
            List<Entry> ifd1 =
            [
                new(0x0103, Short, 1, LittleEndian16(6)),
                new(0x0201, Long, 1, LittleEndian32((uint)thumbOffset)),
                new(0x0202, Long, 1, LittleEndian32((uint)_thumbnail.Length)),
            ];
            WriteIfd(stream, ifd1);
            stream.Write(_thumbnail);
            Patch(stream, ifd0Offset + 2 + ifd0.Count * 12, (uint)ifd1Offset);
        }
        return stream.ToArray();
    }

    // IFD: count(2), entries of tag(2) type(2) count(4) value-or-offset(4), next IFD offset(4), then the values
    // longer than four bytes.
    private static int WriteIfd(MemoryStream stream, List<Entry> entries)
    {
        var start = (int)stream.Position;
        var sorted = entries.OrderBy(e => e.Tag).ToList();
        var dataOffset = start + 2 + sorted.Count * 12 + 4;
        var header = new byte[2 + sorted.Count * 12 + 4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)sorted.Count);
        using var data = new MemoryStream();
        for (var i = 0; i < sorted.Count; i++)
        {
            var e = sorted[i];
            var slot = header.AsSpan(2 + i * 12);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, e.Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], e.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], e.Count);
            if (e.Data.Length <= 4)
            {
                e.Data.CopyTo(slot[8..]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(slot[8..], (uint)(dataOffset + data.Length));
                data.Write(e.Data);
                if (data.Length % 2 == 1)
                    data.WriteByte(0);
            }
        }
        stream.Write(header);
        data.WriteTo(stream);
        return start;
    }

    private static void Patch(MemoryStream stream, long position, uint value)
    {
        var end = stream.Position;
        stream.Position = position;
        stream.Write(LittleEndian32(value));
        stream.Position = end;
    }

    private ExifBuilder Add(List<Entry> ifd, ushort tag, ushort type, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        return Add(ifd, new Entry(tag, type, (uint)bytes.Length, bytes));
    }

    private ExifBuilder Add(List<Entry> ifd, Entry entry)
    {
        ifd.Add(entry);
        return this;
    }

    private static byte[] LittleEndian16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] LittleEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private sealed record Entry(ushort Tag, ushort Type, uint Count, byte[] Data);
}
