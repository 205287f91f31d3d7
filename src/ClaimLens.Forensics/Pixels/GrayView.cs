using OpenCvSharp;

namespace ClaimLens.Forensics.Pixels;

/// <summary>The geometry and data pointer of an 8-bit single-channel Mat, read once so hot loops make no
/// P/Invoke calls. Valid only while the Mat lives.</summary>
internal readonly unsafe struct GrayView
{
    public GrayView(Mat gray)
    {
        Data = (byte*)gray.Data;
        Stride = gray.Step();
        Width = gray.Width;
        Height = gray.Height;
    }

    public byte* Data { get; }

    public long Stride { get; }

    public int Width { get; }

    public int Height { get; }

    public byte* Row(int y) => Data + y * Stride;
}
