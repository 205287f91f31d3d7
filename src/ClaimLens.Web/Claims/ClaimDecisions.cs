using System.Security.Cryptography;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Claims;

/// <summary>A reviewer's decision on a claim, the one implementation behind <c>POST /api/v1/claims/{id}/decision</c>
/// and the reviewer's claim page: validation, the state machine move, the audit entry (and, through the save, the
/// webhook outbox entry).</summary>
public static class ClaimDecisions
{
    /// <summary>The reasons a rejection may give, as the API names them.</summary>
    public static readonly IReadOnlyList<string> RejectionReasons = ["forged_evidence", "not_covered", "insufficient_evidence", "other"];

    /// <summary>Decides <paramref name="claimId"/> for <paramref name="caller"/>.</summary>
    /// <returns><see cref="DecisionOutcome.NotFound"/> when the claim does not exist or belongs to a merchant the caller
    /// may not see; the bad fields when the request is invalid; else the decision, saved.</returns>
    /// <exception cref="InvalidTransitionException">The claim is not in review (the message says why).</exception>
    /// <exception cref="DbUpdateConcurrencyException">Someone else moved the claim at the same moment.</exception>
    public static async Task<DecisionOutcome> DecideAsync(ClaimLensDbContext db, TimeProvider time, Caller caller, Guid claimId,
        DecisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null || !caller.CanSee(claim.MerchantId))
            return DecisionOutcome.NotFound;
        var v = new Validation();
        var trigger = request.Action switch
        {
            "approve" => ClaimTrigger.Approve,
            "reject" => ClaimTrigger.Reject,
            "request_evidence" => ClaimTrigger.RequestEvidence,
            _ => (ClaimTrigger?)null,
        };
        if (trigger is null)
            v.Add("action", "action must be approve, reject or request_evidence");
        var reason = request.Reason switch
        {
            null when trigger == ClaimTrigger.Approve => DecisionReason.Accepted,
            "forged_evidence" => DecisionReason.ForgedEvidence,
            "not_covered" => DecisionReason.NotCovered,
            "insufficient_evidence" => DecisionReason.InsufficientEvidence,
            "other" => DecisionReason.Other,
            _ => (DecisionReason?)null,
        };
        if (trigger == ClaimTrigger.Reject && reason is null)
            v.Add("reason", "a rejection needs reason forged_evidence, not_covered, insufficient_evidence or other");
        if (trigger is ClaimTrigger.Reject or ClaimTrigger.RequestEvidence && string.IsNullOrWhiteSpace(request.Note))
            v.Add("note", "say in a note what the buyer is told (the reason, or what evidence to add)");
        if (request.Note?.Length > 2000)
            v.Add("note", "note is longer than 2000 characters");
        if (!v.IsValid)
            return DecisionOutcome.Invalid(v.ToDictionary());

        var now = time.GetUtcNow();
        ClaimStateMachine.Fire(claim, trigger!.Value, now);
        claim.DecisionNote = request.Note?.Trim();
        string? evidenceLink = null;
        if (trigger == ClaimTrigger.RequestEvidence)
        {
            claim.EvidenceToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            evidenceLink = $"/api/v1/claims/{claim.Id}/evidence?token={claim.EvidenceToken}";
        }
        else
        {
            claim.DecidedAt = now;
            claim.DecidedBy = caller.Actor;
            claim.DecisionReason = trigger == ClaimTrigger.Approve ? DecisionReason.Accepted : reason;
        }
        db.Append(time, caller.Actor, "claim.decided", "claim", claim.Id, claim.MerchantId,
            new { action = request.Action, reason = request.Reason, note = claim.DecisionNote, to = ClaimStateMachine.Name(claim.Status) });
        await db.SaveChangesAsync(cancellationToken);
        return DecisionOutcome.Decided(new DecisionResult(claim.Id, ClaimStateMachine.Name(claim.Status), evidenceLink, claim.EvidenceToken));
    }
}
