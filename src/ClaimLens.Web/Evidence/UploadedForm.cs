using System.Text;
using ClaimLens.Forensics.Imaging;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ClaimLens.Web.Evidence;

/// <summary>A multipart form read as a stream: text fields into memory (small, bounded), files straight to the
/// media store's staging folder. Disposing deletes every staged file that was not committed.</summary>
public sealed class UploadedForm : IDisposable
{
    private const int MaxFields = 64;
    private const int MaxFieldBytes = 16 * 1024;
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<StagedFile> _files = [];

    private UploadedForm()
    {
    }

    public IReadOnlyDictionary<string, string> Fields => _fields;

    public IReadOnlyList<StagedFile> Files => _files;

    public string? Field(string name) => _fields.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>Reads the request's multipart body. Files are accepted only in <paramref name="fileFields"/>;
    /// each is limited to <paramref name="maxFileBytes"/> and there may be at most <paramref name="maxFiles"/>.</summary>
    /// <exception cref="UploadException">The body is not a complete multipart form, or a file breaks a limit.</exception>
    public static async Task<UploadedForm> ReadAsync(HttpRequest request, MediaStore store, IReadOnlySet<string> fileFields,
        int maxFiles, long maxFileBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
            throw new UploadException("body", "the request must be multipart/form-data", StatusCodes.Status415UnsupportedMediaType);

        var form = new UploadedForm();
        try
        {
            // 64 KB instead of the 4 KB default: a 3 MB photo is then ~50 reads and boundary scans, not ~750.
            var reader = new MultipartReader(boundary, request.Body, 64 * 1024) { BodyLengthLimit = null };
            var fileCounts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            while (await NextSectionAsync(reader, cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                    throw new UploadException("body", "a multipart section has no form field name");
                if (disposition.IsFileDisposition())
                {
                    if (!fileFields.Contains(name))
                        throw new UploadException(name, $"the field \"{name}\" does not take files");
                    var index = fileCounts.GetValueOrDefault(name);
                    fileCounts[name] = index + 1;
                    if (form._files.Count >= maxFiles)
                        throw new UploadException(name, $"at most {maxFiles} files may be sent");
                    var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "");
                    var field = $"{name}[{index}]";
                    form._files.Add(await StageSectionAsync(store, section, maxFileBytes, fileName, field, cancellationToken));
                }
                else
                {
                    if (form._fields.Count >= MaxFields)
                        throw new UploadException(name, $"at most {MaxFields} form fields may be sent");
                    form._fields[name] = await ReadFieldAsync(section, name, cancellationToken);
                }
            }
            return form;
        }
        catch
        {
            form.Dispose();
            throw;
        }
    }

    /// <summary>Recognises each staged file as a supported picture (JPEG, PNG, WebP) no larger than
    /// <paramref name="maxPixels"/>; returns one error per bad file, keyed by its field.</summary>
    public static async Task<Dictionary<string, string[]>> CheckPicturesAsync(IEnumerable<StagedFile> files, long maxPixels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new Dictionary<string, string[]>();
        byte[]? longHead = null;
        foreach (var file in files)
        {
            var read = file.Head.Length;
            var header = ImageSniffer.Sniff(file.Head);
            if (header.Format == ImageFormat.Jpeg && header.Width == 0 && file.Length > read)
            {
                // The frame header lies beyond the kept head (a huge APP segment): read up to 4 MB of the file.
                longHead ??= new byte[4 << 20];
                await using var stream = File.OpenRead(file.Path);
                read = await stream.ReadAtLeastAsync(longHead, longHead.Length, throwOnEndOfStream: false, cancellationToken);
                header = ImageSniffer.Sniff(longHead.AsSpan(0, read));
            }
            var name = MediaStore.Describe(file.FileName);
            if (read == 0)
                errors[file.Field] = [$"{name} is empty"];
            else if (header.Format is not (ImageFormat.Jpeg or ImageFormat.Png or ImageFormat.WebP))
                errors[file.Field] = [header.Format == ImageFormat.Unknown
                    ? $"{name} is not a picture (JPEG, PNG or WebP expected)"
                    : $"{name} is {header.Format}; only JPEG, PNG and WebP are accepted (export the photo as JPEG)"];
            else if ((long)header.Width * header.Height > maxPixels)
                errors[file.Field] = [$"{name} declares {header.Width}×{header.Height} pixels, more than the {maxPixels / 1_000_000} megapixels accepted"];
            else
                file.ContentType = header.Format switch
                {
                    ImageFormat.Jpeg => "image/jpeg",
                    ImageFormat.Png => "image/png",
                    _ => "image/webp",
                };
        }
        return errors;
    }

    public void Dispose()
    {
        foreach (var file in _files)
            file.Dispose();
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new UploadException("body", "the multipart body is incomplete or malformed (was the upload cut off?)");
        }
    }

    private static async Task<StagedFile> StageSectionAsync(MediaStore store, MultipartSection section, long maxBytes,
        string fileName, string field, CancellationToken cancellationToken)
    {
        try
        {
            return await store.StageAsync(section.Body, maxBytes, fileName, field, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new UploadException(field, $"{MediaStore.Describe(fileName)} was cut off before its end (the upload was interrupted)");
        }
    }

    private static async Task<string> ReadFieldAsync(MultipartSection section, string name, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        int read;
        try
        {
            read = await section.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new UploadException("body", "the multipart body is incomplete or malformed (was the upload cut off?)");
        }
        if (read > MaxFieldBytes)
            throw new UploadException(name, $"the field \"{name}\" is longer than {MaxFieldBytes / 1024} KB");
        return Encoding.UTF8.GetString(buffer, 0, read).Trim();
    }
}
