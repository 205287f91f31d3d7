using System.Buffers.Binary;
using System.Net;
using ClaimLens.Web.Tests.Infrastructure;

namespace ClaimLens.Web.Tests.Evidence;

/// <summary>Intake keeps only each upload's first 64 KB for the header checks; a JPEG whose frame header sits
/// behind larger metadata segments must still be read right (accepted when sane, refused when a bomb).</summary>
public sealed class LargeHeaderUploadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task JpegWithFrameHeaderBeyondTheKeptHead_IsCheckedAgainstTheWholeFile(bool bomb)
    {
        await using var desk = await DeskHost.StartAsync(DeskHost.Sqlite);
        var merchant = desk.ClientFor(desk.MerchantA.Key);
        await merchant.CreateProductAsync("LOCK-S1");
        await merchant.CreateOrderAsync("A-1", "LOCK-S1", new DateTimeOffset(2026, 11, 18, 6, 0, 0, TimeSpan.Zero));
        var jpeg = WithPaddingSegments(TestPhotos.Unrelated(12), segments: 3);
        if (bomb)
            DeclareSize(jpeg, 65_000, 65_000);

        var response = await merchant.FileClaimAsync("A-1", "LOCK-S1", 10m, jpeg);

        if (bomb)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("65000×65000", (await response.ProblemAsync()).GetProperty("errors").GetProperty("photos[0]")[0].GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    // SOI, then `segments` APP15 segments of 65,533 payload bytes each (the largest a segment holds), then the rest.
    private static byte[] WithPaddingSegments(byte[] jpeg, int segments)
    {
        var output = new List<byte>(jpeg.Length + segments * 65_540) { 0xFF, 0xD8 };
        for (var i = 0; i < segments; i++)
        {
            output.AddRange([0xFF, 0xEF, 0xFF, 0xFF]);
            output.AddRange(new byte[65_533]);
        }
        output.AddRange(jpeg.AsSpan(2).ToArray());
        return [.. output];
    }

    private static void DeclareSize(byte[] jpeg, int width, int height)
    {
        for (var i = 2; i + 9 < jpeg.Length;)
        {
            if (jpeg[i] != 0xFF)
                throw new InvalidOperationException("not at a marker");
            var marker = jpeg[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return;
            }
            i += 2 + length;
        }
        throw new InvalidOperationException("no frame header");
    }
}
