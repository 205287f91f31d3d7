using System.Net;
using System.Net.Http.Headers;

namespace ClaimLens.Benchmarks.Desk;

/// <summary>A JPEG upload made distinct by a few bytes after its end, written straight from the shared photo: the
/// load generator shares the desk's two cores, and copying 8 MB into fresh arrays per claim (large-object-heap
/// garbage) cost it processor time the desk then lacked.</summary>
internal sealed class SuffixedPhotoContent : HttpContent
{
    private readonly byte[] _photo;
    private readonly byte[] _suffix;

    public SuffixedPhotoContent(byte[] photo, int suffix)
    {
        _photo = photo;
        _suffix = BitConverter.GetBytes(suffix);
        Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_photo, cancellationToken);
        await stream.WriteAsync(_suffix, cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _photo.Length + _suffix.Length;
        return true;
    }
}
