using System.ComponentModel.DataAnnotations;

namespace ClaimLens.Web.Evidence;

/// <summary>Where media lives and how large uploads may be (section <c>ClaimLens:Media</c>).</summary>
public sealed class MediaOptions
{
    public const string Section = "ClaimLens:Media";

    /// <summary>Folder of the content-addressed store; relative paths are under the content root.</summary>
    [Required]
    public string Root { get; set; } = "data/media";

    [Range(1, long.MaxValue)]
    public long MaxPhotoBytes { get; set; } = 25L * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long MaxVideoBytes { get; set; } = 500L * 1024 * 1024;

    [Range(1, 100)]
    public int MaxPhotosPerClaim { get; set; } = 9;

    /// <summary>Largest picture accepted, in pixels (a decompression bomb is refused at upload).</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>Files in the store that no row references are deleted after this long.</summary>
    public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromHours(1);
}
