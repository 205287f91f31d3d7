namespace ClaimLens.Web.Infrastructure;

/// <summary>A request the desk refuses for a reason the caller can act on; becomes RFC 9110 problem details.</summary>
public sealed class DeskProblemException : Exception
{
    public DeskProblemException()
    {
    }

    public DeskProblemException(string message) : base(message)
    {
    }

    public DeskProblemException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DeskProblemException(int statusCode, string title, string detail) : base(detail)
    {
        StatusCode = statusCode;
        Title = title;
    }

    public int StatusCode { get; } = StatusCodes.Status400BadRequest;

    public string Title { get; } = "The request cannot be done";
}
