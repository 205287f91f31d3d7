using System.Data.Common;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Evidence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Infrastructure;

/// <summary>The one error path: known exceptions become problem details (RFC 9110) with the status a client can
/// act on; an unreachable database becomes 503 with Retry-After.</summary>
public sealed partial class DeskExceptionHandler(IProblemDetailsService problems, ILogger<DeskExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        IResult? result = exception switch
        {
            UploadException e => e.StatusCode == StatusCodes.Status400BadRequest
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Field] = [e.Message] }, title: "The upload cannot be accepted")
                : TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: "The upload cannot be accepted"),
            InvalidTransitionException e => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "The claim cannot make that move"),
            DbUpdateConcurrencyException => TypedResults.Problem("the claim was changed by someone else at the same moment; load it again and retry",
                statusCode: StatusCodes.Status409Conflict, title: "Concurrent change"),
            DeskProblemException e => TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: e.Title),
            BadHttpRequestException e => TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: "Bad request"),
            _ when IsDatabaseUnavailable(exception) => Unavailable(httpContext),
            _ => null,
        };
        if (result is null)
            return false;
        if (result is IStatusCodeHttpResult { StatusCode: >= 500 })
            LogUnavailable(logger, exception.Message);
        httpContext.Response.StatusCode = (result as IStatusCodeHttpResult)?.StatusCode ?? 400;
        var details = result switch
        {
            ValidationProblem v => v.ProblemDetails,
            ProblemHttpResult p => p.ProblemDetails,
            _ => null,
        };
        return details is not null && await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext, ProblemDetails = details, Exception = exception,
        });
    }

    /// <summary>True for errors that mean "the database cannot be reached now", not "the query is wrong".</summary>
    public static bool IsDatabaseUnavailable(Exception exception) =>
        exception switch
        {
            Npgsql.NpgsqlException { IsTransient: true } => true,
            Npgsql.PostgresException p => p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
            Npgsql.NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } => true,
            Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode is 5 or 6 or 10 or 14, // BUSY, LOCKED, IOERR, CANTOPEN
            InvalidOperationException { InnerException: { } inner } => IsDatabaseUnavailable(inner),
            DbException { InnerException: { } inner } => IsDatabaseUnavailable(inner),
            DbUpdateException { InnerException: { } inner } => IsDatabaseUnavailable(inner),
            _ => false,
        };

    private static ProblemHttpResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem("the database cannot be reached at the moment; nothing was changed, try again shortly",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "database unavailable: {Error}")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
