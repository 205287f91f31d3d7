using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Pages.Admin;

/// <summary>The audit log, newest first (paged by sequence number), and the same chain check as
/// <c>GET /api/v1/audit/verify</c>.</summary>
public sealed class AuditModel(ClaimLensDbContext db) : PageModel
{
    public const int PageSize = 50;
    private const int DataShown = 300;
    private const int DataRead = 4000;

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Show entries older than this sequence number.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Verify { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public long? Older { get; private set; }

    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Verify)
            Verification = await AuditChain.VerifyAsync(db, ct);
        var query = db.AuditEntries.AsNoTracking();
        if (Before is { } before)
            query = query.Where(a => a.Seq < before);
        var rows = await query.OrderByDescending(a => a.Seq).Take(PageSize + 1)
            .Select(a => new AuditEntry
            {
                Seq = a.Seq, At = a.At, Actor = a.Actor, Action = a.Action, SubjectType = a.SubjectType, SubjectId = a.SubjectId,
                MerchantId = a.MerchantId, Data = a.Data.Length > DataRead ? a.Data.Substring(0, DataRead) : a.Data,
            }).ToListAsync(ct);
        foreach (var row in rows)
            row.Data = Shown(row.Data);
        Older = rows.Count > PageSize ? rows[PageSize - 1].Seq : null;
        Entries = rows.Take(PageSize).ToList();
    }

    /// <summary>The entry's data with Chinese as text (it is stored \u-escaped), cut to a line or two.</summary>
    private static string Shown(string data)
    {
        try
        {
            data = JsonNode.Parse(data)?.ToJsonString(Readable) ?? data;
        }
        catch (JsonException)
        {
            // longer than what was read: shown as stored
        }
        return data.Length > DataShown ? data[..DataShown] + "…" : data;
    }
}
