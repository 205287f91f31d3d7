using System.Security.Cryptography;
using System.Text;

namespace ClaimLens.Web.Webhooks;

/// <summary>The signature a receiver checks: <c>sha256=</c> and the hex HMAC-SHA256, keyed with the subscription
/// secret (its UTF-8 bytes), of <c>"{timestamp}.{body}"</c>. The timestamp (Unix seconds, also sent as
/// <c>X-ClaimLens-Timestamp</c>) is signed so a receiver can refuse old replays.</summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 32 random bytes, base64url, with a recognisable prefix.</summary>
    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Sign(string secret, string timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(body);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }
}
