using System.Security.Cryptography;
using System.Text;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Claims.Bundle;

/// <summary>The merchant's evidence bundle: a PDF of the claim, its photos beside their references, the findings and
/// the audit trail, for a platform appeal or a police report.</summary>
public static class BundleApi
{
    public static IEndpointRouteBuilder MapBundleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/claims/{id:guid}/bundle.pdf", GetBundle).RequireAuthorization().WithTags("Claims")
            .WithName("GetClaimBundle").WithSummary("The claim's evidence bundle as a PDF (lang=zh|en, default zh), for an appeal or a police report.");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> GetBundle(
        Guid id, string? lang, HttpContext http, ClaimLensDbContext db, MediaStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (lang is not (null or "zh" or "en"))
        {
            var v = new Validation();
            v.Add("lang", "lang must be zh or en");
            return TypedResults.ValidationProblem(v.ToDictionary());
        }
        var claim = await db.Claims.AsNoTracking().Include(c => c.Photos).Include(c => c.Responses).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        // Another merchant's claim answers like a missing one, so ids don't leak.
        if (claim is null || !caller.CanSee(claim.MerchantId))
            return TypedResults.NotFound();

        var now = time.GetUtcNow();
        var text = BundleText.For(lang ?? "zh");
        var bundle = await EvidenceBundle.LoadAsync(db, claim, now, cancellationToken);
        using var pdf = new MemoryStream();
        var pages = await EvidenceBundle.WriteAsync(bundle, text, store, now, pdf, cancellationToken);
        var bytes = pdf.ToArray();

        db.Append(time, caller.Actor, "claim.bundle_exported", "claim", claim.Id, claim.MerchantId,
            new { lang = text.Language, pages, bytes = bytes.Length, sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(bytes, "application/pdf", $"claim-{SafeName(bundle.OrderNo)}-{claim.Id.ToString()[..8]}.pdf");
    }

    private static string SafeName(string orderNo)
    {
        var name = new StringBuilder(Math.Min(orderNo.Length, 64));
        foreach (var c in orderNo.Take(64))
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        return name.ToString();
    }
}
