namespace ClaimLens.Web.Evidence;

/// <summary>A job met a passing conflict and should simply run again (soon, and without counting as broken).</summary>
public sealed class RetryableJobException : Exception
{
    public RetryableJobException()
    {
    }

    public RetryableJobException(string message) : base(message)
    {
    }

    public RetryableJobException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
