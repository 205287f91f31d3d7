using System.Buffers;

namespace ClaimLens.Web.Evidence;

/// <summary>A stored object's bytes in a buffer rented from the shared array pool (<see cref="MediaStore.RentAllAsync"/>).
/// Dispose it to give the buffer back; the bytes must not be used after that.</summary>
public sealed class RentedBytes : IDisposable
{
    private byte[]? _buffer;

    internal RentedBytes(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(RentedBytes))).AsSpan(0, Length);

    public void Dispose()
    {
        if (_buffer is { } buffer)
            ArrayPool<byte>.Shared.Return(buffer);
        _buffer = null;
    }
}
