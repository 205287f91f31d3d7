using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Pages.Merchant;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>The dispatcher's board: requests about to miss the response target with a countdown, their offers and the
/// ranked candidates, and the override. The list and the override are the API's own handlers; the list refreshes every 15 s.</summary>
public sealed class BoardModel(ClaimLensDbContext db, PersonalData personal, RegionIndex regions, DispatchIndex index,
    IOptions<RepairsOptions> options, TimeProvider time) : PageModel
{
    public const int CandidatesShown = 3;

    public IReadOnlyList<BoardRow> Rows { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Technicians { get; private set; } = [];

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public DateTimeOffset Now => time.GetUtcNow();

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public Guid? ErrorFor { get; private set; }

    public bool Overridden { get; private set; }

    [BindProperty] public Guid? TechnicianId { get; set; }

    [BindProperty] public string? Reason { get; set; }

    /// <summary>How far ahead the board looks, in minutes (null: the desk's setting, 10 minutes by default).</summary>
    [BindProperty(SupportsGet = true)] public int? Within { get; set; }

    public static readonly int[] WithinChoices = [10, 30, 60, 240];

    public async Task OnGetAsync(bool overridden = false)
    {
        Overridden = overridden;
        await LoadAsync();
    }

    public async Task<PartialViewResult> OnGetListAsync()
    {
        await LoadAsync();
        return Partial("_BoardList", this);
    }

    public async Task<IActionResult> OnPostOverrideAsync(Guid id)
    {
        var result = await DispatchBoardApi.Override(id, new AssignmentInput(TechnicianId, Reason), HttpContext, db, personal, regions, index, time,
            HttpContext.RequestAborted);
        switch (result.Result)
        {
            case Microsoft.AspNetCore.Http.HttpResults.NotFound:
                return NotFound();
            case ValidationProblem problem:
                ErrorFor = id;
                foreach (var field in problem.ProblemDetails.Errors.Keys)
                    Errors[field == "reason" ? "Reason" : "TechnicianId"] = field == "reason"
                        ? L("请写明改派原因。", "Say why you reassign the job.")
                        : L("请选择一位在岗的师傅。", "Choose an active technician.");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                await LoadAsync();
                return Page();
            default:
                return Redirect("/repairs/board?overridden=true");
        }
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var merchant = Caller.From(User).RequireMerchant();
        TimeZone = await MerchantPages.TimeZoneAsync(db, merchant, ct);
        var items = (await DispatchBoardApi.Board(Within, HttpContext, db, regions, options, time, ct)).Value ?? [];
        Technicians = (await db.Technicians.AsNoTracking().Where(t => t.MerchantId == merchant && t.Active).OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name }).Take(500).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList();
        var names = Technicians.ToDictionary(t => t.Id, t => t.Name);
        var ids = items.Select(i => i.Id).ToList();
        var requests = await db.ServiceRequests.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var tried = (await db.DispatchOffers.AsNoTracking().Where(o => ids.Contains(o.RequestId)).Select(o => new { o.RequestId, o.TechnicianId }).ToListAsync(ct))
            .ToLookup(o => o.RequestId, o => o.TechnicianId);
        var pool = await index.GetAsync(db, merchant, ct);
        var now = time.GetUtcNow();
        Rows = items.Select(item =>
        {
            var candidates = new List<(Guid, string, double)>();
            if (requests.TryGetValue(item.Id, out var request) && DispatchQuery.For(pool, request) is { } query)
                foreach (var c in DispatchRanking.Rank(pool, query, options.Value.Weights, now, tried[item.Id].ToHashSet(), CandidatesShown))
                    candidates.Add((pool.IdOf(c.Slot), names.GetValueOrDefault(pool.IdOf(c.Slot), "?"), Math.Round(c.Score, 2)));
            var offeredTo = item.TechnicianId is { } t ? names.GetValueOrDefault(t, t.ToString()) : null;
            return new BoardRow(item, offeredTo, candidates);
        }).ToList();
    }
}
