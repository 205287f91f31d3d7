using ClaimLens.Web.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClaimLens.Web.Infrastructure;

/// <summary>Healthy when the database answers.</summary>
public sealed class DatabaseHealthCheck(ClaimLensDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("the database does not answer");
        }
        catch (Exception e) when (DeskExceptionHandler.IsDatabaseUnavailable(e))
        {
            return HealthCheckResult.Unhealthy("the database does not answer", e);
        }
    }
}
