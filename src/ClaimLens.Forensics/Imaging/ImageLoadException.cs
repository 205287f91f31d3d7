namespace ClaimLens.Forensics.Imaging;

/// <summary>The input cannot be analysed: not an image, an unsupported format, corrupt, truncated or too
/// large to decode safely. <see cref="Exception.Message"/> is one line a user can act on.</summary>
public sealed class ImageLoadException : Exception
{
    public ImageLoadException() { }

    public ImageLoadException(string message) : base(message) { }

    public ImageLoadException(string message, Exception innerException) : base(message, innerException) { }
}
