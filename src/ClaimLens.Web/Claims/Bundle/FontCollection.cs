using System.Buffers.Binary;

namespace ClaimLens.Web.Claims.Bundle;

/// <summary>Takes one face out of a TrueType collection (.ttc) as a standalone font file, in memory: PDFsharp reads
/// single fonts only, and Debian ships its CJK fonts as collections.</summary>
internal static class FontCollection
{
    private const uint TtcTag = 0x74746366;      // 'ttcf'
    private const uint TrueTypeOutlines = 0x00010000;
    private const uint CffOutlines = 0x4F54544F; // 'OTTO'
    private const int MaxFaces = 64;
    private const int MaxTables = 64;

    /// <summary>The face at <paramref name="index"/> of a collection, or the file itself when it is a single font.</summary>
    /// <exception cref="InvalidDataException">Not a font, a damaged directory, or a face with CFF (PostScript) outlines,
    /// which PDFsharp cannot embed.</exception>
    public static byte[] ExtractFace(ReadOnlySpan<byte> file, int index)
    {
        // TTC header, big-endian:
        //   'ttcf' | u16 majorVersion | u16 minorVersion | u32 numFonts | u32 tableDirectoryOffset[numFonts] | (v2: DSIG)
        // Each offset points at an ordinary sfnt table directory (below) whose table offsets count from the start of
        // the .ttc, and faces share tables (glyphs) with each other.
        if (file.Length < 12)
            throw new InvalidDataException("the font file is shorter than a font header");
        int directory;
        if (BinaryPrimitives.ReadUInt32BigEndian(file) == TtcTag)
        {
            var faces = BinaryPrimitives.ReadUInt32BigEndian(file[8..]);
            if (faces is 0 or > MaxFaces || index < 0 || index >= faces || 12 + 4 * faces > file.Length)
                throw new InvalidDataException($"the font collection has {faces} faces; face {index} is not among them");
            directory = checked((int)BinaryPrimitives.ReadUInt32BigEndian(file[(12 + 4 * index)..]));
        }
        else
        {
            directory = 0;
        }
        return CopyFace(file, directory);
    }

    private static byte[] CopyFace(ReadOnlySpan<byte> file, int directory)
    {
        // sfnt table directory, big-endian:
        //   u32 sfntVersion (0x00010000 TrueType outlines, 'OTTO' CFF outlines) | u16 numTables | u16 searchRange
        //   | u16 entrySelector | u16 rangeShift | numTables x { u8 tag[4] | u32 checksum | u32 offset | u32 length }
        if (directory < 0 || directory > file.Length - 12)
            throw new InvalidDataException("the font's table directory lies outside the file");
        var version = BinaryPrimitives.ReadUInt32BigEndian(file[directory..]);
        if (version == CffOutlines)
            throw new InvalidDataException("the font has CFF (PostScript) outlines; PDFsharp embeds TrueType outlines only");
        if (version != TrueTypeOutlines)
            throw new InvalidDataException("not a TrueType font");
        int tables = BinaryPrimitives.ReadUInt16BigEndian(file[(directory + 4)..]);
        var headerLength = 12 + 16 * tables;
        if (tables is 0 or > MaxTables || directory + headerLength > file.Length)
            throw new InvalidDataException($"the font's table directory is damaged ({tables} tables)");

        var size = (long)headerLength;
        for (var i = 0; i < tables; i++)
        {
            var (offset, length) = Record(file, directory + 12 + 16 * i);
            if (offset + length > file.Length)
                throw new InvalidDataException("a font table lies outside the file");
            size += (length + 3) & ~3L;
        }

        var face = new byte[size];
        file.Slice(directory, headerLength).CopyTo(face);
        var position = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var record = directory + 12 + 16 * i;
            var (offset, length) = Record(file, record);
            file.Slice((int)offset, (int)length).CopyTo(face.AsSpan(position));
            // Same record, new offset: tables now follow the directory, each padded to 4 bytes.
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(12 + 16 * i + 8), (uint)position);
            position += (int)((length + 3) & ~3L);
        }
        return face;
    }

    private static (long Offset, long Length) Record(ReadOnlySpan<byte> file, int at) =>
        (BinaryPrimitives.ReadUInt32BigEndian(file[(at + 8)..]), BinaryPrimitives.ReadUInt32BigEndian(file[(at + 12)..]));
}
