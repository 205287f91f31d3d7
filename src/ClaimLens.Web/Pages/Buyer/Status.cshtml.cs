using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Pages.Buyer;

/// <summary>Where the buyer's claim stands, what is asked of them, the outcome; and adding photos when a reviewer
/// asked for more. The claim must belong to the link's order, or the page is the same 404 as an unknown link.</summary>
public sealed class StatusModel(ClaimLensDbContext db, MediaStore store, JobQueue queue, JobSignal signal, TimeProvider time,
    IOptions<MediaOptions> media) : PageModel
{
    public BuyerOrder? Order { get; private set; }

    public ClaimView? Claim { get; private set; }

    public string Token { get; private set; } = "";

    public DateTimeOffset Now { get; private set; }

    public int MaxPhotos => media.Value.MaxPhotosPerClaim;

    public long MaxPhotoBytes => media.Value.MaxPhotoBytes;

    public string PageUrl => $"/buyer/orders/{Token}/claims/{Claim?.Id}";

    /// <summary>Open claims are polled so the buyer sees the move without reloading; a claim waiting for the buyer
    /// is not, so nothing replaces the page under a buyer who is adding photos.</summary>
    public bool Polls => Claim?.Status is ClaimStatus.Analyzing or ClaimStatus.AwaitingMerchant or ClaimStatus.InReview;

    public async Task<IActionResult> OnGetAsync(string token, string claimId)
    {
        await LoadAsync(token, claimId);
        if (Claim is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>The status panel alone, for htmx's polling; 204 (htmx then swaps nothing) while the status is the one
    /// the page shows, so a screen reader hears the live region only when something changed.</summary>
    public async Task<IActionResult> OnGetPanelAsync(string token, string claimId, string? seen)
    {
        await LoadAsync(token, claimId);
        if (Claim is null)
            return NotFound();
        return seen == Claim.Status.ToString() ? new NoContentResult() : Partial("_StatusPanel", this);
    }

    // The post handlers take no parameters: binding one would let MVC read the whole multipart form to look for
    // it, and the body must reach UploadedForm unread. The route values hold what they need.
    public async Task<IActionResult> OnPostSessionAsync()
    {
        await LoadAsync(RouteValue("token"), RouteValue("claimId"));
        if (Claim is null || Order is null)
            return NotFound();
        return BuyerUploads.Session(await CaptureSessions.IssueAsync(db, Order.Id, Now, HttpContext.RequestAborted), Now);
    }

    public async Task<IActionResult> OnPostEvidenceAsync()
    {
        var (token, claimId) = (RouteValue("token"), RouteValue("claimId"));
        var ct = HttpContext.RequestAborted;
        Order = await BuyerOrder.FindAsync(db, token, ct);
        var claim = Order is null || !Guid.TryParse(claimId, out var id) ? null
            : await db.Claims.Include(c => c.Photos).SingleOrDefaultAsync(c => c.Id == id && c.OrderId == Order.Id, ct);
        if (claim is null)
            return NotFound();
        if (claim.Status != ClaimStatus.AwaitingBuyer || claim.EvidenceToken is null)
            return BuyerUploads.Refused(Text.L("这个申请现在不需要补充照片。", "This claim is not waiting for more photos."));
        var (form, refusal) = await BuyerUploads.ReadAsync(Request, store, media.Value, ct);
        if (form is null)
            return refusal!;
        using (form)
        {
            var v = new Validation();
            var origins = await CaptureSessions.ResolveAsync(db, Order!.Id, form, time.GetUtcNow(), ct);
            var added = await ClaimFiling.AddEvidenceAsync(new FilingServices(db, store, queue, signal, time, media.Value), v, claim, form.Files,
                origins, BuyerUploads.Actor(Order.OrderNo), Text.L, ct);
            return added ? BuyerUploads.Done($"/buyer/orders/{token}/claims/{claim.Id}") : BuyerUploads.Errors(v);
        }
    }

    private string RouteValue(string name) => RouteData.Values[name] as string ?? "";

    private async Task LoadAsync(string token, string claimId)
    {
        var ct = HttpContext.RequestAborted;
        Now = time.GetUtcNow();
        Token = token;
        Order = await BuyerOrder.FindAsync(db, token, ct);
        if (Order is null || !Guid.TryParse(claimId, out var id))
            return;
        Claim = await db.Claims.AsNoTracking().Where(c => c.Id == id && c.OrderId == Order.Id)
            .Select(c => new ClaimView(c.Id, c.Sku, c.Type, c.Amount, c.Status, c.CreatedAt, c.ResponseDueAt, c.ReviewDueAt, c.DecidedAt,
                c.DecisionReason, c.DecisionNote, c.EvidenceToken != null,
                c.Photos.OrderBy(p => p.Round).ThenBy(p => p.Ordinal)
                    .Select(p => new SentPhoto(p.FileName, p.Source, p.CaptureCode, p.CapturedAt, p.Round)).ToList()))
            .SingleOrDefaultAsync(ct);
    }

    public sealed record ClaimView(Guid Id, string Sku, ClaimType Type, decimal Amount, ClaimStatus Status, DateTimeOffset CreatedAt,
        DateTimeOffset? ResponseDueAt, DateTimeOffset? ReviewDueAt, DateTimeOffset? DecidedAt, DecisionReason? DecisionReason,
        string? DecisionNote, bool EvidenceAsked, IReadOnlyList<SentPhoto> Photos);

    public sealed record SentPhoto(string FileName, EvidenceSource Source, string? CaptureCode, DateTimeOffset? CapturedAt, int Round);
}
