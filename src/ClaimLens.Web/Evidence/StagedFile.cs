namespace ClaimLens.Web.Evidence;

/// <summary>An upload written to the store's staging folder and hashed on the way. Disposing deletes the
/// staged copy; <see cref="MediaStore.Commit"/> moves it into the store first.</summary>
public sealed class StagedFile(string path, string sha256, long length, string fileName, string field, byte[] head) : IDisposable
{
    /// <summary>The first bytes (up to <see cref="MediaStore.HeadBytes"/>), kept while streaming so the picture's
    /// header can be checked without reading the file back.</summary>
    public byte[] Head { get; } = head;

    public string Path { get; } = path;

    public string Sha256 { get; } = sha256;

    public long Length { get; } = length;

    /// <summary>The name the client gave, for people; never used as a path.</summary>
    public string FileName { get; } = fileName;

    /// <summary>The form field the file came in, for error messages (<c>photos[2]</c>).</summary>
    public string Field { get; } = field;

    /// <summary>What the bytes are, once <see cref="MediaStore"/> sniffed them.</summary>
    public string ContentType { get; set; } = "application/octet-stream";

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left for the orphan sweeper, which also empties the staging folder.
        }
    }
}
