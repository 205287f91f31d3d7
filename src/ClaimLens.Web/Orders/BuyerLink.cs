using System.Security.Cryptography;

namespace ClaimLens.Web.Orders;

/// <summary>The buyer's way in without an account: a link per order (<c>/buyer/orders/{token}</c>) that the
/// merchant's platform sends with the order. The token is 256 random bits, so holding the link is the permission to
/// file and follow claims on that order, and nothing else.</summary>
public static class BuyerLink
{
    public const int TokenLength = 43;

    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True when the text has the shape of a token (checked before any database lookup).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Path(string token) => $"/buyer/orders/{token}";
}
