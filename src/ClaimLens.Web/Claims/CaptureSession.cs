using System.Security.Cryptography;

namespace ClaimLens.Web.Claims;

/// <summary>A live-capture session of the buyer's camera page: a one-time code the page draws over the video and
/// into each photo it takes. A photo uploaded for the same order with the session's id while the session lives is
/// stored as <see cref="EvidenceSource.CapturedLive"/>, with the code and the capture time.</summary>
public sealed class CaptureSession
{
    /// <summary>How long a code may be used after it is issued.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public const int CodeLength = 6;

    public const int MaxPhotos = 9;

    // No 0/O, 1/I/L: the code is read off a photo by people.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public required string Code { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Photos accepted as captured live under this code; a concurrency token, so two uploads cannot both
    /// take the last place.</summary>
    public int PhotosUsed { get; set; }

    public static CaptureSession Issue(Guid orderId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), OrderId = orderId, Code = NewCode(), IssuedAt = now, ExpiresAt = now + Lifetime,
    };

    public static string NewCode() =>
        string.Create(CodeLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        });
}
