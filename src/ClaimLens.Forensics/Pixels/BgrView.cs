using OpenCvSharp;

namespace ClaimLens.Forensics.Pixels;

/// <summary>The geometry and data pointer of an 8-bit BGR Mat, read once so hot loops make no P/Invoke
/// calls. Valid only while the Mat lives.</summary>
internal readonly unsafe struct BgrView
{
    public BgrView(Mat bgr)
    {
        Data = (byte*)bgr.Data;
        Stride = bgr.Step();
        Width = bgr.Width;
        Height = bgr.Height;
    }

    public byte* Data { get; }

    public long Stride { get; }

    public int Width { get; }

    public int Height { get; }

    public byte* Row(int y) => Data + y * Stride;
}
