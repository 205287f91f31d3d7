namespace ClaimLens.Web.Evidence;

/// <summary>A file in the content-addressed media store. The row is what makes the file referenced: a file
/// without a row is an orphan that <see cref="OrphanSweeper"/> removes after a grace period.</summary>
public sealed class MediaBlob
{
    /// <summary>Lower-case hex SHA-256 of the bytes: the file's name in the store.</summary>
    public required string Sha256 { get; set; }

    public long Length { get; set; }

    public required string ContentType { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
