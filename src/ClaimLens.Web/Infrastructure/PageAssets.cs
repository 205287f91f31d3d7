using System.Collections.Frozen;
using System.Security.Cryptography;

namespace ClaimLens.Web.Infrastructure;

/// <summary>The pages' styles and scripts, embedded in the assembly (the desk runs from any directory, as one file
/// set) and served at <c>/assets/{name}?v={hash}</c>. The URL changes with the content, so browsers may keep a
/// file for a year.</summary>
public static class PageAssets
{
    private const string Prefix = "assets/";

    private static readonly FrozenDictionary<string, Asset> All = Load();

    /// <summary>The URL of an asset, with its content hash.</summary>
    /// <exception cref="KeyNotFoundException">No embedded asset has that name (a typo in a page).</exception>
    public static string Url(string name) =>
        All.TryGetValue(name, out var asset) ? $"/assets/{name}?v={asset.Version}" : throw new KeyNotFoundException($"no page asset named {name}");

    public static void MapPageAssets(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/assets/{**name}", Serve).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Serve(string name, HttpContext http)
    {
        if (!All.TryGetValue(name, out var asset))
            return Results.NotFound();
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{asset.Version}\"");
        http.Response.Headers.CacheControl = http.Request.Query["v"] == asset.Version
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        return Results.Bytes(asset.Bytes, asset.ContentType, entityTag: etag);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
            assets[resource[Prefix.Length..]] = new Asset(bytes, ContentType(resource), version);
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Bytes, string ContentType, string Version);
}
