using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimLens.Web.Audit;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit/verify", Verify).RequireAuthorization(Policies.Admin).WithTags("Audit")
            .WithName("VerifyAuditChain").WithSummary("Walks the hash-chained audit log and names the first broken entry.");
        return app;
    }

    public static async Task<Ok<AuditVerification>> Verify(ClaimLensDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AuditChain.VerifyAsync(db, cancellationToken));
}
