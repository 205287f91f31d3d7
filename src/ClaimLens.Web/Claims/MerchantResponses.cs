using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Claims;

/// <summary>The merchant's answer to a claim, as the API and the merchant's claim page both give it: checked, moved
/// by the state machine, its evidence committed, written to the audit log.</summary>
public static class MerchantResponses
{
    public const int MaxEvidenceFiles = 9;
    public const int MaxTextLength = 4000;

    /// <summary>Records <paramref name="text"/> and the staged <paramref name="evidence"/> as the answer of
    /// <paramref name="caller"/>'s merchant to claim <paramref name="claimId"/>. Another merchant's claim is not found.</summary>
    /// <exception cref="InvalidTransitionException">The claim is not awaiting the merchant's answer.</exception>
    public static async Task<MerchantResponseOutcome> RespondAsync(ClaimLensDbContext db, MediaStore store, MediaOptions media, TimeProvider time,
        Caller caller, Guid claimId, string? text, IReadOnlyList<StagedFile> evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(evidence);
        var claim = await db.Claims.Include(c => c.Responses).SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null || claim.MerchantId != caller.MerchantId)
            return MerchantResponseOutcome.NotFound;
        var v = new Validation();
        var checkedText = v.Required("text", text, MaxTextLength);
        if (evidence.Count > MaxEvidenceFiles)
            v.Add("evidence", $"at most {MaxEvidenceFiles} files may be sent");
        v.Merge(await UploadedForm.CheckPicturesAsync(evidence, media.MaxPixels, cancellationToken));
        if (!v.IsValid)
            return new MerchantResponseOutcome(true, v.ToDictionary(), claim.Status);
        var now = time.GetUtcNow();
        ClaimStateMachine.Fire(claim, ClaimTrigger.MerchantResponded, now);
        var settings = await db.Merchants.AsNoTracking().Where(m => m.Id == claim.MerchantId).Select(m => m.Settings).SingleAsync(cancellationToken);
        claim.ReviewDueAt = now + settings.ReviewWindow;
        await MediaCommit.CommitAsync(db, store, evidence, now, cancellationToken);
        claim.Responses.Add(new MerchantResponse
        {
            Id = Guid.CreateVersion7(now), ClaimId = claim.Id, Text = checkedText!, Actor = caller.Actor, CreatedAt = now,
            EvidenceSha256 = evidence.Select(f => f.Sha256).ToList(),
        });
        db.Append(time, caller.Actor, "claim.merchant_responded", "claim", claim.Id, claim.MerchantId,
            new { evidence = evidence.Select(f => f.Sha256), to = "in_review" });
        await db.SaveChangesAsync(cancellationToken);
        return new MerchantResponseOutcome(true, new Dictionary<string, string[]>(), claim.Status);
    }
}
