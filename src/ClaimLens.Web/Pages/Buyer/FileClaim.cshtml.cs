using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Pages.Buyer;

/// <summary>Filing a claim from the order link: the form, the camera's capture codes, and the one multipart post
/// (sent by <c>buyer-upload.js</c> with the antiforgery token in a header, so the body is streamed, never buffered).</summary>
public sealed class FileClaimModel(ClaimLensDbContext db, MediaStore store, JobQueue queue, JobSignal signal, TimeProvider time,
    IOptions<MediaOptions> media) : PageModel
{
    public BuyerOrder? Order { get; private set; }

    public string Token { get; private set; } = "";

    public int MaxPhotos => media.Value.MaxPhotosPerClaim;

    public long MaxPhotoBytes => media.Value.MaxPhotoBytes;

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Order = await BuyerOrder.FindAsync(db, token, HttpContext.RequestAborted);
        if (Order is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        Token = token;
        return Page();
    }

    // The post handlers take no parameters: binding one would let MVC read the whole multipart form to look for
    // it, and the body must reach UploadedForm unread. The route values hold what they need.
    public async Task<IActionResult> OnPostSessionAsync()
    {
        var token = RouteValue("token");
        var ct = HttpContext.RequestAborted;
        var orderId = await OrderIdAsync(token, ct);
        if (orderId is null)
            return NotFound();
        var now = time.GetUtcNow();
        return BuyerUploads.Session(await CaptureSessions.IssueAsync(db, orderId.Value, now, ct), now);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = RouteValue("token");
        var ct = HttpContext.RequestAborted;
        var order = BuyerLink.IsWellFormed(token)
            ? await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.BuyerLinkToken == token, ct)
            : null;
        if (order is null)
            return NotFound();
        var (form, refusal) = await BuyerUploads.ReadAsync(Request, store, media.Value, ct);
        if (form is null)
            return refusal!;
        using (form)
        {
            var v = new Validation();
            var reason = ComposeReason(v, form.Field("reasonCode"), form.Field("reasonText"));
            var origins = await CaptureSessions.ResolveAsync(db, order.Id, form, time.GetUtcNow(), ct);
            var claim = await ClaimFiling.FileAsync(new FilingServices(db, store, queue, signal, time, media.Value), v, order,
                new ClaimFields(form.Field("sku"), form.Field("type"), reason, form.Field("amount")), form.Files, origins,
                BuyerUploads.Actor(order.OrderNo), Text.L, ct);
            return claim is null ? BuyerUploads.Errors(v) : BuyerUploads.Done($"/buyer/orders/{token}/claims/{claim.Id}");
        }
    }

    /// <summary>The claim's reason as stored: the chosen reason in both languages (merchant and reviewer read either),
    /// then the buyer's own words.</summary>
    private static string? ComposeReason(Validation v, string? code, string? text)
    {
        var choice = BuyerWords.Reasons.FirstOrDefault(r => r.Code == code);
        if (choice.Code is null)
        {
            v.Add("reason", Text.L("请选择售后原因", "Choose a reason"));
            return null;
        }
        if (choice.Code == "other" && text is null)
        {
            v.Add("reason", Text.L("选择“其他”时，请写明原因", "Describe the reason when you choose Other"));
            return null;
        }
        return text is null ? $"{choice.Zh} / {choice.En}" : $"{choice.Zh} / {choice.En}：{text}";
    }

    private string RouteValue(string name) => RouteData.Values[name] as string ?? "";

    private async Task<Guid?> OrderIdAsync(string token, CancellationToken ct) =>
        BuyerLink.IsWellFormed(token)
            ? await db.Orders.Where(o => o.BuyerLinkToken == token).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct)
            : null;
}
