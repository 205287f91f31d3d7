namespace ClaimLens.Web.Evidence;

/// <summary>An upload that cannot be accepted; <see cref="Field"/> names the form field for the problem details.</summary>
public sealed class UploadException(string field, string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Field { get; } = field;

    public int StatusCode { get; } = statusCode;
}
