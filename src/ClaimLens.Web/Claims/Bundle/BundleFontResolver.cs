using ClaimLens.Web.Infrastructure;
using PdfSharp;
using PdfSharp.Fonts;

namespace ClaimLens.Web.Claims.Bundle;

/// <summary>Serves PDFsharp the one face bundles are set in, WenQuanYi Micro Hei (Debian's fonts-wqy-microhei): it has
/// Latin and Simplified Chinese glyphs with TrueType outlines, so PDFsharp embeds a subset of it. Noto Sans CJK
/// (fonts-noto-cjk) has CFF outlines, which PDFsharp 6.5 writes as a whole, mislabelled 13 MB TrueType program
/// (decision 0015). Bold is simulated by stroking, as the face has no bold weight.</summary>
internal sealed class BundleFontResolver : IFontResolver
{
    public const string Family = "ClaimLens Bundle";
    public const string FontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    public const string AptPackage = "fonts-wqy-microhei";
    private const string FaceName = "wqy-microhei-0";

    // Not cached on failure: installing the package fixes a running desk at the next download.
    private static readonly Lazy<byte[]> Face = new(LoadFace, LazyThreadSafetyMode.PublicationOnly);
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the resolver (once per process) and loads the face.</summary>
    /// <exception cref="DeskProblemException">The font is not installed or unreadable; the message names the package.</exception>
    public static void Install()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                // PDFsharp 6.5 is dual-licensed AGPL-3.0 / commercial and refuses to run until one is chosen (decision 0015).
                PdfSharpLicense.SetAgplLicense();
                GlobalFontSettings.FontResolver = new BundleFontResolver();
                _installed = true;
            }
        }
        _ = Face.Value;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(FaceName, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => Face.Value;

    private static byte[] LoadFace()
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(FontPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Missing($"{FontPath} cannot be read ({e.Message})");
        }
        try
        {
            return FontCollection.ExtractFace(file, 0);
        }
        catch (InvalidDataException e)
        {
            throw Missing($"{FontPath} is not a usable font ({e.Message})");
        }
    }

    private static DeskProblemException Missing(string what) =>
        new(StatusCodes.Status500InternalServerError, "The evidence bundle cannot be made",
            $"the PDF font is missing: {what}; install the Debian package {AptPackage} (scripts/setup.sh does) and try again");
}
