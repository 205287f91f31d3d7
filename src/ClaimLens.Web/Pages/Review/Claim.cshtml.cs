using ClaimLens.Web.Accounts;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Review;

/// <summary>One claim, built for deciding fast: photos beside their aligned references, findings strongest first,
/// capture data, buyer standing, the merchant's answer, and the decision forms. A handful of projected queries; each
/// report is parsed once; no image is touched while rendering.</summary>
public sealed class ClaimModel(ClaimLensDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Merchant { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Verdict { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Age { get; set; }

    public QueueFilter Filter => new(Merchant, Verdict, Age);

    public ClaimHeader Claim { get; private set; } = null!;

    public IReadOnlyList<ReviewPhoto> Photos { get; private set; } = [];

    public IReadOnlyList<ResponseView> Responses { get; private set; } = [];

    public BuyerStanding Standing { get; private set; } = new(0, 0, 0, 0);

    /// <summary>Earlier claims named by reuse findings that this reviewer may open.</summary>
    public IReadOnlySet<Guid> VisibleEarlierClaims { get; private set; } = new HashSet<Guid>();

    public Guid? NextClaim { get; private set; }

    public Guid? PreviousClaim { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public string TimeZone => Claim.TimeZone ?? "Asia/Shanghai";

    /// <summary>The form that was sent and refused, so it opens again with what was typed.</summary>
    public string? Decision { get; private set; }

    public string? Reason { get; private set; }

    public string? Note { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDecideAsync(Guid id, string? decision, string? reason, string? note)
    {
        var ct = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        var request = new DecisionRequest(decision, decision == "reject" ? reason : null, string.IsNullOrWhiteSpace(note) ? null : note);
        DecisionOutcome outcome;
        try
        {
            outcome = await ClaimDecisions.DecideAsync(db, time, caller, id, request, ct);
        }
        catch (InvalidTransitionException e)
        {
            return await RefusedAsync(id, decision, reason, note, [L("此售后单不能这样处理：它已不在审核中（可能已被他人处理）。", "This claim cannot make that move: it is no longer in review (someone may have decided it).") + " (" + e.Message + ")"]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RefusedAsync(id, decision, reason, note, [L("此售后单刚被他人修改，请查看最新状态后再决定。", "Someone changed this claim at the same moment; look at it again and decide.")]);
        }
        if (outcome.IsNotFound)
            return NotFound();
        if (outcome.Errors is { } errors)
            return await RefusedAsync(id, decision, reason, note, errors.Keys.Select(ReviewText.DecisionError).Distinct().ToList());

        TempData["Decided"] = decision switch
        {
            "approve" => L("已同意该售后单。", "The claim was approved."),
            "reject" => L("已驳回该售后单。", "The claim was rejected."),
            _ => L("已要求买家补充证据。", "The buyer was asked for more evidence."),
        };
        // On to the next claim of the queue (the decided one has left it, but its place is still known).
        var next = await NeighbourAsync(caller, id, forward: true, ct);
        return Redirect(next is { } n ? $"/review/claims/{n}{Filter.Query()}" : $"/review{Filter.Query()}");
    }

    private async Task<IActionResult> RefusedAsync(Guid id, string? decision, string? reason, string? note, IReadOnlyList<string> errors)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id))
            return NotFound();
        (Decision, Reason, Note, Errors) = (decision, reason, note, errors);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        Now = time.GetUtcNow();
        var claim = await db.Claims.AsNoTracking().Where(c => c.Id == id).Select(c => new ClaimHeader(
            c.Id, c.MerchantId, c.Sku, c.Type, c.Reason, c.Amount, c.Status, c.BuyerKey, c.Risk, c.Verdict, c.CreatedAt,
            c.ResponseDueAt, c.ReviewDueAt, c.DecidedAt, c.DecidedBy, c.DecisionReason, c.DecisionNote,
            db.Orders.Where(o => o.Id == c.OrderId).Select(o => o.OrderNo).FirstOrDefault(),
            db.Products.Where(p => p.MerchantId == c.MerchantId && p.Sku == c.Sku).Select(p => p.Name).FirstOrDefault(),
            db.Merchants.Where(m => m.Id == c.MerchantId).Select(m => m.Name).FirstOrDefault(),
            db.Merchants.Where(m => m.Id == c.MerchantId).Select(m => m.Settings.TimeZone).FirstOrDefault())).SingleOrDefaultAsync(ct);
        if (claim is null || !caller.CanSee(claim.MerchantId))
            return false;
        Claim = claim;

        var rows = await db.EvidencePhotos.AsNoTracking().Where(p => p.ClaimId == id).OrderBy(p => p.Round).ThenBy(p => p.Ordinal)
            .Select(p => new
            {
                p.Id, p.Round, p.Ordinal, p.FileName, p.Sha256, p.Source, p.Risk, p.Verdict, p.AnalysisError, p.AnalyzedAt, p.ReportJson,
                p.CaptureCode, p.CapturedAt, HasReference = p.MatchedReferenceSha256 != null, HasHeatmap = p.HeatmapSha256 != null,
            }).ToListAsync(ct);
        Photos = rows.Select(p =>
        {
            var (findings, capture) = ReportReader.Read(p.ReportJson, Lang);
            return new ReviewPhoto(p.Id, p.Round, p.Ordinal, p.FileName, p.Sha256, p.Source, p.Risk, p.Verdict, p.AnalysisError,
                p.AnalyzedAt is not null, p.HasReference, p.HasHeatmap, findings, capture, p.CaptureCode, p.CapturedAt);
        }).ToList();

        Responses = await db.MerchantResponses.AsNoTracking().Where(r => r.ClaimId == id).OrderBy(r => r.CreatedAt)
            .Select(r => new ResponseView(r.Id, r.Text, r.EvidenceSha256, r.Actor, r.CreatedAt)).ToListAsync(ct);
        Standing = await BuyerStanding.ForAsync(db, claim.BuyerKey, Now, ct);

        var earlier = Photos.SelectMany(p => p.Findings).SelectMany(f => f.EarlierClaims).Distinct().ToList();
        if (earlier.Count > 0)
        {
            var owners = await db.Claims.AsNoTracking().Where(c => earlier.Contains(c.Id)).Select(c => new { c.Id, c.MerchantId }).ToListAsync(ct);
            VisibleEarlierClaims = owners.Where(o => caller.CanSee(o.MerchantId)).Select(o => o.Id).ToHashSet();
        }
        NextClaim = await NeighbourAsync(caller, id, forward: true, ct);
        PreviousClaim = await NeighbourAsync(caller, id, forward: false, ct);
        return true;
    }

    /// <summary>The claim after (or before) this one in the queue as filtered, by keyset: one indexed row.</summary>
    private async Task<Guid?> NeighbourAsync(Caller caller, Guid id, bool forward, CancellationToken ct)
    {
        var here = Claim is { } c && c.Id == id
            ? ReviewQueueCursor.Of(c.Risk, c.ReviewDueAt, id)
            : await db.Claims.AsNoTracking().Where(x => x.Id == id).Select(x => ReviewQueueCursor.Of(x.Risk, x.ReviewDueAt, x.Id)).SingleAsync(ct);
        var queue = ReviewQueue.Filtered(db, caller, Filter.ToQueueFilter(time.GetUtcNow())).AsNoTracking();
        var ordered = forward ? ReviewQueue.After(queue, here) : ReviewQueue.Before(queue, here);
        var next = await ordered.Select(x => x.Id).FirstOrDefaultAsync(ct);
        return next == Guid.Empty ? null : next;
    }
}
