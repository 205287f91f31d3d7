using ClaimLens.Web.Accounts;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Pages.Review;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Merchant.Claims;

/// <summary>One claim for its merchant: the analysis in words, the pictures, the buyer's standing, the deadlines,
/// and the answer form while the state machine allows an answer.</summary>
public sealed class DetailModel(ClaimLensDbContext db, MediaStore store, IOptions<MediaOptions> media, TimeProvider time) : PageModel
{
    public ClaimView Claim { get; private set; } = null!;

    public IReadOnlyList<PhotoView> Photos { get; private set; } = [];

    public IReadOnlyList<ResponseView> Responses { get; private set; } = [];

    public BuyerStanding Standing { get; private set; } = null!;

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public DateTimeOffset Now { get; private set; }

    public bool CanRespond => ClaimStateMachine.Allows(Claim.Status, ClaimTrigger.MerchantResponded);

    [BindProperty]
    public string? Text { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Refusal { get; private set; }

    public bool Responded { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool responded = false)
    {
        Responded = responded;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRespondAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var caller = Caller.From(User);
        var limits = media.Value;
        var staged = new List<StagedFile>();
        try
        {
            var form = await Request.ReadFormAsync(ct);
            var files = form.Files.GetFiles("evidence").Where(f => f.Length > 0).ToList();
            if (files.Count > MerchantResponses.MaxEvidenceFiles)
                Errors["evidence"] = L($"最多上传 {MerchantResponses.MaxEvidenceFiles} 个文件。", $"At most {MerchantResponses.MaxEvidenceFiles} files.");
            else
            {
                for (var i = 0; i < files.Count; i++)
                {
                    await using var stream = files[i].OpenReadStream();
                    staged.Add(await store.StageAsync(stream, limits.MaxPhotoBytes, files[i].FileName, $"evidence[{i}]", ct));
                }
                var outcome = await MerchantResponses.RespondAsync(db, store, limits, time, caller, id, Text, staged, ct);
                if (!outcome.Found)
                    return NotFound();
                if (outcome.Recorded)
                    return Redirect($"/merchant/claims/{id}?responded=true");
                foreach (var (field, messages) in outcome.Errors)
                    Errors[field.StartsWith("evidence", StringComparison.Ordinal) ? "evidence" : field] = Localize(field, messages[0]);
            }
        }
        catch (InvalidTransitionException)
        {
            Refusal = L("这张售后单现在不能回复：回复期限已过或尚未开始（例如已进入审核）。", "This claim cannot be answered now: the response window is closed or not open (it may already be in review).");
        }
        catch (DbUpdateConcurrencyException)
        {
            Refusal = L("这张售后单刚被其他人更新，请刷新后再试。", "Someone changed this claim at the same moment; reload the page and try again.");
        }
        catch (UploadException e)
        {
            Errors["evidence"] = L($"文件无法接收：{e.Message}", $"A file cannot be accepted: {e.Message}");
        }
        catch (InvalidDataException)
        {
            // The form reader's own limits (too many parts, a part too large).
            Errors["evidence"] = L("上传的内容超出限制，请减少文件数量或大小。", "The upload is over the limits: send fewer or smaller files.");
        }
        finally
        {
            foreach (var file in staged)
                file.Dispose();
        }
        if (!await LoadAsync(id))
            return NotFound();
        Response.StatusCode = Refusal is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }

    private static string Localize(string field, string message) => field switch
    {
        "text" when message.Contains("required", StringComparison.Ordinal) => L("请写下您的回复。", "Write your answer."),
        "text" => L($"回复不能超过 {MerchantResponses.MaxTextLength} 个字。", $"The answer may not be longer than {MerchantResponses.MaxTextLength} characters."),
        _ => L($"文件不是可接受的图片（JPEG、PNG 或 WebP）：{message}", $"A file is not an accepted picture (JPEG, PNG or WebP): {message}"),
    };

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var merchant = Caller.From(User).RequireMerchant();
        var claim = await db.Claims.AsNoTracking().Where(c => c.Id == id && c.MerchantId == merchant)
            .Join(db.Orders, c => c.OrderId, o => o.Id, (c, o) => new ClaimView(c.Id, o.OrderNo, c.Sku, c.Type, c.Reason, c.Amount, c.Status,
                c.Risk, c.Verdict, c.CreatedAt, c.ResponseDueAt, c.ReviewDueAt, c.DecidedAt, c.DecisionNote, c.BuyerKey))
            .SingleOrDefaultAsync(ct);
        if (claim is null)
            return false;
        Claim = claim;
        Now = time.GetUtcNow();
        TimeZone = await MerchantPages.TimeZoneAsync(db, merchant, ct);
        var photos = await db.EvidencePhotos.AsNoTracking().Where(p => p.ClaimId == id).OrderBy(p => p.Round).ThenBy(p => p.Ordinal)
            .Select(p => new { p.Id, p.Round, p.Ordinal, p.FileName, p.Source, p.Risk, p.Verdict, p.AnalysisError, p.AnalyzedAt, p.ReportJson,
                Matched = p.MatchedReferenceSha256 != null, Heatmap = p.HeatmapSha256 != null })
            .ToListAsync(ct);
        Photos = photos.Select(p => new PhotoView(p.Id, p.Round, p.Ordinal, p.FileName, p.Source, p.Risk, p.Verdict, p.AnalysisError,
            p.AnalyzedAt is not null, p.Matched, p.Heatmap, ReportReader.Read(p.ReportJson, Lang).Findings)).ToList();
        Responses = await db.MerchantResponses.AsNoTracking().Where(r => r.ClaimId == id).OrderBy(r => r.CreatedAt)
            .Select(r => new { r.Text, r.EvidenceSha256, r.Actor, r.CreatedAt }).ToListAsync(ct) is var responses
            ? responses.Select(r => new ResponseView(r.Text, r.EvidenceSha256.Count, r.Actor, r.CreatedAt)).ToList() : [];
        Standing = await BuyerStanding.ForAsync(db, claim.BuyerKey, Now, ct);
        return true;
    }

    public sealed record ClaimView(Guid Id, string OrderNo, string Sku, ClaimType Type, string Reason, decimal Amount, ClaimStatus Status,
        int? Risk, string? Verdict, DateTimeOffset CreatedAt, DateTimeOffset? ResponseDueAt, DateTimeOffset? ReviewDueAt,
        DateTimeOffset? DecidedAt, string? DecisionNote, string BuyerKey);

    public sealed record PhotoView(Guid Id, int Round, int Ordinal, string FileName, EvidenceSource Source, int? Risk, string? Verdict,
        string? AnalysisError, bool Analysed, bool HasReference, bool HasHeatmap, IReadOnlyList<ReviewFinding> Findings);

    public sealed record ResponseView(string Text, int EvidenceCount, string Actor, DateTimeOffset CreatedAt);
}
