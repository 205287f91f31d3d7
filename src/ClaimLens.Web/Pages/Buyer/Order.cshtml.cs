using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Pages.Buyer;

/// <summary>The order behind a buyer link: its items, its claims and the way to file one.</summary>
public sealed class OrderModel(ClaimLensDbContext db) : PageModel
{
    public BuyerOrder? Order { get; private set; }

    public IReadOnlyList<ClaimRow> Claims { get; private set; } = [];

    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token)
    {
        var ct = HttpContext.RequestAborted;
        Order = await BuyerOrder.FindAsync(db, token, ct);
        if (Order is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Token = token;
        Claims = await db.Claims.AsNoTracking().Where(c => c.OrderId == Order.Id).OrderByDescending(c => c.CreatedAt)
            .Select(c => new ClaimRow(c.Id, c.Sku, c.Type, c.Status, c.Amount, c.CreatedAt)).ToListAsync(ct);
        return Page();
    }

    public sealed record ClaimRow(Guid Id, string Sku, ClaimType Type, ClaimStatus Status, decimal Amount, DateTimeOffset CreatedAt);
}
