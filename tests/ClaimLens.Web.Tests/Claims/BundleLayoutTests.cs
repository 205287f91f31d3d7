using System.Buffers.Binary;
using System.Text;
using ClaimLens.Web.Claims.Bundle;
using PdfSharp.Drawing;

namespace ClaimLens.Web.Tests.Claims;

/// <summary>The bundle's font extraction and line breaking, without a desk.</summary>
public sealed class BundleLayoutTests
{
    [Fact]
    public void ExtractFace_SecondFaceOfACollection_IsAStandaloneFontWithItsTablesCopied()
    {
        var ttc = Collection(trueType: true);

        var face = FontCollection.ExtractFace(ttc, 1);

        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(face));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(face.AsSpan(4)));
        Assert.Equal("glyf"u8.ToArray(), Table(face, 0).Tag);
        Assert.Equal("GLYPHS-SHARED"u8.ToArray(), Table(face, 0).Data);
        Assert.Equal("name"u8.ToArray(), Table(face, 1).Tag);
        Assert.Equal("FACE-ONE"u8.ToArray(), Table(face, 1).Data);
    }

    [Fact]
    public void ExtractFace_InstalledBundleFont_HasTrueTypeOutlines()
    {
        var face = FontCollection.ExtractFace(File.ReadAllBytes(BundleFontResolver.FontPath), 0);
        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(face));
        Assert.InRange(face.Length, 1_000_000, 20_000_000);
    }

    [Fact]
    public void ExtractFace_HostileOrUnsupportedFiles_ThrowInvalidData()
    {
        // Tried: an empty file, a collection of 0 and of 4 billion faces, a face index past the end, a directory offset
        // past the end, 65,535 tables, a table reaching past the end, and a CFF-outline (Noto CJK style) face.
        var cases = new List<byte[]> { Array.Empty<byte>(), Header(0), Header(uint.MaxValue), Collection(trueType: true) };
        var farDirectory = Collection(trueType: true);
        BinaryPrimitives.WriteUInt32BigEndian(farDirectory.AsSpan(12), 1_000_000);
        var manyTables = Collection(trueType: true);
        BinaryPrimitives.WriteUInt16BigEndian(manyTables.AsSpan(DirectoryOf(manyTables, 0) + 4), ushort.MaxValue);
        var longTable = Collection(trueType: true);
        BinaryPrimitives.WriteUInt32BigEndian(longTable.AsSpan(DirectoryOf(longTable, 0) + 12 + 12), 1_000_000);
        cases.AddRange([farDirectory, manyTables, longTable, Collection(trueType: false)]);

        for (var i = 0; i < cases.Count; i++)
        {
            var index = i == 3 ? 3 : 0;
            var error = Assert.Throws<InvalidDataException>(() => FontCollection.ExtractFace(cases[i], index));
            if (i == cases.Count - 1)
                Assert.Contains("CFF", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Wrap_ChineseBreaksBetweenCharacters_LatinBetweenWords_HashesBetweenCharacters()
    {
        BundleFontResolver.Install();
        using var gfx = XGraphics.CreateMeasureContext(new XSize(600, 800), XGraphicsUnit.Point, XPageDirection.Downwards);
        var font = new XFont(BundleFontResolver.Family, 10, XFontStyleEx.Regular, new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
        var width = gfx.MeasureString("这张照片", font).Width + 1;

        var chinese = TextLayout.Wrap(gfx, "这张照片是商家的参考图，其中的内容被改动", font, width);
        Assert.True(chinese.Count >= 5, string.Join('|', chinese));
        Assert.Equal("这张照片是商家的参考图，其中的内容被改动", string.Concat(chinese));
        Assert.All(chinese, line => Assert.InRange(gfx.MeasureString(line, font).Width, 0, width));
        Assert.DoesNotContain(chinese, line => line.StartsWith('，'));

        var english = TextLayout.Wrap(gfx, "the buyer never received a broken lock", font, gfx.MeasureString("the buyer never", font).Width + 1);
        Assert.Equal(["the buyer never", "received a", "broken lock"], english);

        var hash = new string('a', 64);
        var pieces = TextLayout.Wrap(gfx, hash, font, 100);
        Assert.True(pieces.Count > 1);
        Assert.Equal(hash, string.Concat(pieces));
        Assert.All(pieces, line => Assert.InRange(gfx.MeasureString(line, font).Width, 0, 100));
    }

    // A collection of three faces sharing a 'glyf' table, each with its own 'name' table.
    private static byte[] Collection(bool trueType)
    {
        var tables = new List<byte[]> { "GLYPHS-SHARED"u8.ToArray(), "FACE-ZERO"u8.ToArray(), "FACE-ONE"u8.ToArray(), "FACE-TWO"u8.ToArray() };
        const int faces = 3;
        var directories = 12 + 4 * faces;
        var directorySize = 12 + 16 * 2;
        var dataStart = directories + faces * directorySize;
        var offsets = new List<int>();
        var position = dataStart;
        foreach (var t in tables)
        {
            offsets.Add(position);
            position += (t.Length + 3) & ~3;
        }
        var file = new byte[position];
        "ttcf"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(4), 0x00010000);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(8), faces);
        for (var f = 0; f < faces; f++)
        {
            var d = directories + f * directorySize;
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(12 + 4 * f), (uint)d);
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(d), trueType ? 0x00010000u : 0x4F54544Fu);
            BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(d + 4), 2);
            WriteRecord(file, d + 12, "glyf", offsets[0], tables[0].Length);
            WriteRecord(file, d + 28, "name", offsets[f + 1], tables[f + 1].Length);
        }
        for (var t = 0; t < tables.Count; t++)
            tables[t].CopyTo(file, offsets[t]);
        return file;
    }

    private static void WriteRecord(byte[] file, int at, string tag, int offset, int length)
    {
        Encoding.ASCII.GetBytes(tag).CopyTo(file, at);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at + 8), (uint)offset);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at + 12), (uint)length);
    }

    private static byte[] Header(uint faces)
    {
        var file = new byte[64];
        "ttcf"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(8), faces);
        return file;
    }

    private static int DirectoryOf(byte[] ttc, int face) => (int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(12 + 4 * face));

    private static (byte[] Tag, byte[] Data) Table(byte[] font, int i)
    {
        var record = 12 + 16 * i;
        var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8));
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 12));
        return (font[record..(record + 4)], font[offset..(offset + length)]);
    }
}
