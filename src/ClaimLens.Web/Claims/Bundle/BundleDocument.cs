using System.Globalization;
using System.Text.Json.Nodes;
using ClaimLens.Web.Audit;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ClaimLens.Web.Claims.Bundle;

/// <summary>Lays out an evidence bundle on A4 pages, one method per section; headers and footers (with the page
/// count) are drawn last, when the count is known.</summary>
internal sealed class BundleDocument : IDisposable
{
    private const double Margin = 48;
    private const double Top = 78;
    private const double LabelWidth = 96;
    private const double Gap = 16;
    private const double PictureHeight = 300;
    private static readonly XColor Muted = XColor.FromArgb(110, 110, 110);

    private readonly PdfDocument _pdf = new();
    private readonly BundleText _text;
    private readonly TimeZoneInfo _zone;
    private readonly string _headerRight;
    private readonly XFont _title = Font(18, XFontStyleEx.Bold);
    private readonly XFont _heading = Font(13, XFontStyleEx.Bold);
    private readonly XFont _body = Font(9.5, XFontStyleEx.Regular);
    private readonly XFont _bold = Font(9.5, XFontStyleEx.Bold);
    private readonly XFont _small = Font(7.5, XFontStyleEx.Regular);
    private readonly Dictionary<string, XImage> _images = new(StringComparer.Ordinal);
    private XGraphics? _gfx;
    private double _y;

    public BundleDocument(BundleText text, string orderNo, Guid claimId, TimeZoneInfo zone)
    {
        _text = text;
        _zone = zone;
        _headerRight = $"{orderNo} · {claimId.ToString()[..8]}";
        _pdf.Info.Title = text.Title(orderNo);
        _pdf.Info.Subject = claimId.ToString();
        _pdf.Info.Creator = "ClaimLens";
        _pdf.Language = text.Language == "zh" ? "zh-CN" : "en";
    }

    private double Width => PageSize().Width - 2 * Margin;

    private double Bottom => PageSize().Height - 56;

    private XGraphics Gfx => _gfx ?? throw new InvalidOperationException("no page is open");

    public void AddCover(BundleClaim bundle)
    {
        var claim = bundle.Claim;
        NewPage();
        Write(_text.Title(bundle.OrderNo), _title, 0, Width);
        _y += 8;
        Heading(_text.ClaimSection);
        Field(_text.Merchant, bundle.MerchantName);
        Field(_text.OrderNo, bundle.OrderNo);
        Field(_text.ClaimId, claim.Id.ToString());
        Field(_text.Type, _text.Name(claim.Type == ClaimType.RefundOnly ? "refund_only" : "return_refund"));
        Field(_text.Reason, claim.Reason);
        Field(_text.Amount, claim.Amount.ToString("0.00", CultureInfo.InvariantCulture));
        Field(_text.Status, _text.Name(ClaimStateMachine.Name(claim.Status)));
        Field(_text.Filed, Time(claim.CreatedAt));
        Field(_text.Decided, claim.DecidedAt is { } decided ? Time(decided) : _text.None);
        Field(_text.TimeZone, _zone.Id);
        Field(_text.Risk, claim.Risk?.ToString(CultureInfo.InvariantCulture) ?? _text.NotAnalysed);
        Field(_text.Verdict, claim.Verdict is { } verdict ? _text.Name(verdict) : _text.NotAnalysed);
        Field(_text.BuyerStanding, _text.Standing(bundle.Standing));

        Heading(_text.MerchantResponse);
        if (claim.Responses.Count == 0)
            Paragraph(_text.None, _body);
        foreach (var response in claim.Responses.OrderBy(r => r.CreatedAt))
        {
            Paragraph(Time(response.CreatedAt), _bold);
            Paragraph(response.Text, _body, 12);
            foreach (var sha in response.EvidenceSha256)
                Paragraph("SHA-256 " + sha, _small, 12);
        }

        Heading(_text.ReviewerDecision);
        if (claim.DecisionReason is { } reason)
        {
            Field(_text.Decided, _text.DecidedBy(_text.Name(ClaimDto.DecisionName(reason)), claim.DecidedBy ?? "system"));
            Field(_text.Reason, claim.DecisionNote ?? _text.None);
        }
        else
        {
            Paragraph(claim.DecisionNote is { } note ? note : _text.None, _body);
        }
    }

    public void AddPhoto(BundlePhoto photo, EmbeddedImage? picture, EmbeddedImage? reference)
    {
        var row = photo.Photo;
        NewPage();
        Write(_text.PhotoTitle(photo.Number, row.Round, row.FileName), _heading, 0, Width);
        var half = (Width - Gap) / 2;
        Write(_text.ClaimPhoto, _small, 0, half);
        _y -= _small.GetHeight() * 1.4;
        Write(row.MatchedReferenceSha256 is null ? _text.NoReference : _text.MatchedReference, _small, half + Gap, half);
        var left = Picture(picture, 0, half, _text.CannotShow);
        var right = Picture(reference, half + Gap, half, row.MatchedReferenceSha256 is null ? _text.NoReference : _text.CannotShow);
        _y += Math.Max(left, right) + 10;

        Heading(_text.Findings);
        if (row.AnalyzedAt is null)
            Paragraph(_text.NotAnalysed, _body);
        else if (row.AnalysisError is { } error)
            Paragraph(_text.Unreadable(error), _body);
        else if (!photo.Findings().Any())
            Paragraph(_text.NoFindings, _body);
        foreach (var finding in photo.Findings())
        {
            var severity = finding["severity"]?.ToString() ?? "info";
            var confidence = finding["confidence"] is JsonValue c && c.TryGetValue<double>(out var value) ? value : 0;
            Paragraph($"[{_text.Name(severity)}] {finding["code"]} · {_text.Confidence} {Math.Round(confidence * 100)}%", _bold);
            Paragraph(finding["summary"]?[_text.Language]?.ToString() ?? "", _body, 12);
        }

        Heading(_text.FileSection);
        Field("SHA-256", row.Sha256);
        Field(_text.Format, photo.Image("format") ?? _text.NotRecorded);
        Field(_text.Size, photo.Length is { } length ? $"{length:N0} B" : _text.NotRecorded);
        Field(_text.Dimensions, photo.Image("width") is { } w ? $"{w} × {photo.Image("height")} px" : _text.NotRecorded);
        var camera = string.Join(' ', new[] { photo.Image("capture", "make"), photo.Image("capture", "model") }.Where(s => !string.IsNullOrEmpty(s)));
        Field(_text.Camera, camera.Length > 0 ? camera : _text.NotRecorded);
        Field(_text.TakenAt, photo.Image("capture", "takenAt") ?? _text.NotRecorded);
        Field(_text.Software, photo.Image("capture", "software") ?? _text.NotRecorded);
        Field(_text.Source, row.Source == EvidenceSource.CapturedLive ? _text.CapturedLive : _text.Uploaded);
    }

    public void AddAuditTrail(IReadOnlyList<AuditEntry> entries)
    {
        NewPage();
        Heading(_text.AuditSection);
        Paragraph(_text.AuditNote, _small);
        _y += 4;
        var columns = new[] { 0, 132, 236, Width };
        for (var i = 0; i < 3; i++)
            WriteAt(_text.AuditColumns[i], _bold, columns[i], columns[i + 1] - columns[i] - 6);
        _y += _bold.GetHeight() * 1.4;
        Gfx.DrawLine(XPens.Gray, Margin, _y, Margin + Width, _y);
        _y += 3;
        foreach (var entry in entries)
        {
            var action = TextLayout.Wrap(Gfx, entry.Action, _body, Width - columns[2]);
            var rowHeight = (_body.GetHeight() * Math.Max(1, action.Count) + _small.GetHeight()) * 1.35 + 4;
            EnsureSpace(rowHeight);
            WriteAt(Time(entry.At), _body, columns[0], columns[1] - 6);
            WriteAt(Clip(entry.Actor, columns[2] - columns[1] - 6), _body, columns[1], columns[2] - columns[1] - 6);
            Write(entry.Action, _body, columns[2], Width - columns[2]);
            Write(_text.AuditColumns[3] + " " + entry.Hash, _small, columns[1], Width - columns[1], Muted);
            _y += 4;
        }
    }

    public void AddClosing(DateTimeOffset generatedAt, IReadOnlyList<(string Label, string Sha256)> embedded)
    {
        _y += 10;
        EnsureSpace(60);
        Gfx.DrawLine(XPens.Gray, Margin, _y, Margin + Width, _y);
        _y += 6;
        Paragraph(_text.GeneratedAt(Time(generatedAt)), _body);
        Paragraph(_text.EmbeddedFiles, _body);
        foreach (var (label, sha) in embedded)
            Paragraph($"{label}: {sha}", _small, 12);
    }

    /// <summary>Draws every page's header and footer and writes the PDF; returns the page count.</summary>
    public int Save(Stream output)
    {
        _gfx?.Dispose();
        _gfx = null;
        var total = _pdf.PageCount;
        for (var i = 0; i < total; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            var size = PageSize();
            gfx.DrawString(_text.Header, _small, XBrushes.Gray, new XRect(Margin, 36, Width, 12), XStringFormats.TopLeft);
            gfx.DrawString(_headerRight, _small, XBrushes.Gray, new XRect(Margin, 36, Width, 12), XStringFormats.TopRight);
            gfx.DrawLine(XPens.LightGray, Margin, 50, size.Width - Margin, 50);
            gfx.DrawString(_text.PageOf(i + 1, total), _small, XBrushes.Gray, new XRect(Margin, size.Height - 40, Width, 12), XStringFormats.TopCenter);
        }
        _pdf.Save(output, false);
        return total;
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        foreach (var image in _images.Values)
            image.Dispose();
        _pdf.Dispose();
    }

    // Unicode (Identity-H) for all text, also all-Latin lines: one embedded subset, and every line copies out as text.
    private static XFont Font(double size, XFontStyleEx style) =>
        new(BundleFontResolver.Family, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode));

    private static XSize PageSize() => PageSizeConverter.ToSize(PdfSharp.PageSize.A4);

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _pdf.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(page);
        _y = Top;
    }

    private void EnsureSpace(double height)
    {
        if (_y + height > Bottom)
            NewPage();
    }

    private void Heading(string text)
    {
        _y += 8;
        EnsureSpace(_heading.GetHeight() * 3);
        Write(text, _heading, 0, Width);
        _y += 2;
    }

    /// <summary>A label in the left column and its wrapped value beside it.</summary>
    private void Field(string label, string value)
    {
        var lines = TextLayout.Wrap(Gfx, value, _body, Width - LabelWidth);
        EnsureSpace(_body.GetHeight() * 1.4 * Math.Min(lines.Count, 3));
        WriteAt(label, _bold, 0, LabelWidth - 6);
        Write(value, _body, LabelWidth, Width - LabelWidth);
    }

    private void Paragraph(string text, XFont font, double indent = 0) => Write(text, font, indent, Width - indent);

    /// <summary>Wrapped text from the cursor down, breaking to a new page where it must.</summary>
    private void Write(string text, XFont font, double x, double width, XColor? color = null)
    {
        var brush = new XSolidBrush(color ?? XColors.Black);
        var lineHeight = font.GetHeight() * 1.4;
        foreach (var line in TextLayout.Wrap(Gfx, text, font, width))
        {
            EnsureSpace(lineHeight);
            Gfx.DrawString(line, font, brush, new XRect(Margin + x, _y, width, lineHeight), XStringFormats.TopLeft);
            _y += lineHeight;
        }
    }

    /// <summary>One line at the cursor without moving it (a table cell or a label).</summary>
    private void WriteAt(string text, XFont font, double x, double width) =>
        Gfx.DrawString(text, font, XBrushes.Black, new XRect(Margin + x, _y, width, font.GetHeight() * 1.4), XStringFormats.TopLeft);

    /// <summary>Draws a picture fitted into the column at the cursor (or a placeholder box); returns the height used.</summary>
    private double Picture(EmbeddedImage? image, double x, double width, string placeholder)
    {
        if (image is null)
        {
            var box = new XRect(Margin + x, _y, width, width * 0.75);
            Gfx.DrawRectangle(XPens.LightGray, XBrushes.WhiteSmoke, box);
            Gfx.DrawString(placeholder, _small, XBrushes.Gray, box, XStringFormats.Center);
            return box.Height;
        }
        var scale = Math.Min(width / image.Width, PictureHeight / image.Height);
        // One XImage per distinct JPEG: a reference shown beside nine photos is embedded once.
        if (!_images.TryGetValue(image.Sha256, out var xImage))
        {
            xImage = XImage.FromStream(new MemoryStream(image.Jpeg, writable: false));
            _images[image.Sha256] = xImage;
        }
        Gfx.DrawImage(xImage, Margin + x, _y, image.Width * scale, image.Height * scale);
        Gfx.DrawRectangle(XPens.LightGray, Margin + x, _y, image.Width * scale, image.Height * scale);
        return image.Height * scale;
    }

    private string Clip(string text, double width)
    {
        if (Gfx.MeasureString(text, _body).Width <= width)
            return text;
        while (text.Length > 1 && Gfx.MeasureString(text + "…", _body).Width > width)
            text = text[..^1];
        return text + "…";
    }

    private string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, _zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
