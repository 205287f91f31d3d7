using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Merchant.Settings;

/// <summary>The merchant's webhook subscriptions with their latest deliveries; adding and deleting go through the
/// same cores as the API (<see cref="WebhookSubscriptions"/>).</summary>
public sealed class WebhooksModel(ClaimLensDbContext db, PersonalData personal, WebhookTargetPolicy policy, IOptions<WebhookOptions> options,
    WebhookQueue queue, TimeProvider time) : PageModel
{
    public const int RecentDeliveries = 10;

    [BindProperty]
    public string? HookUrl { get; set; }

    [BindProperty]
    public List<string> Events { get; set; } = [];

    [BindProperty]
    public string? Description { get; set; }

    public IReadOnlyList<SubscriptionView> Subscriptions { get; private set; } = [];

    public CreatedWebhook? Created { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var (created, errors) = await WebhookSubscriptions.CreateAsync(db, personal, policy, options.Value, time, Caller.From(User),
            new CreateWebhookRequest(HookUrl, Events, Description), HttpContext.RequestAborted);
        if (created is null)
        {
            foreach (var (field, messages) in errors)
                Errors[field] = Localize(field, messages[0]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Response.Headers.CacheControl = "no-store";
            Created = created;
            HookUrl = Description = null;
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id) =>
        await WebhookSubscriptions.DeleteAsync(db, queue, time, Caller.From(User), id, HttpContext.RequestAborted)
            ? Redirect("/merchant/settings/webhooks") : NotFound();

    private static string Localize(string field, string message) => field switch
    {
        "url" when message.Contains("required", StringComparison.Ordinal) => L("请填写接收通知的网址。", "Enter the URL that receives the events."),
        "url" when message.Contains("at most", StringComparison.Ordinal) => L($"订阅数量已达上限，请先删除一个：{message}", $"Too many subscriptions; delete one first: {message}"),
        "url" => L($"这个网址不能使用：{message}", $"This URL cannot be used: {message}"),
        "events" => L("请选择已知的事件。", "Choose known events."),
        _ => L("说明不能超过 200 个字符。", "The description may not be longer than 200 characters."),
    };

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var merchant = Caller.From(User).RequireMerchant();
        TimeZone = await MerchantPages.TimeZoneAsync(db, merchant, ct);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.MerchantId == merchant && s.Active)
            .OrderBy(s => s.CreatedAt).Select(s => new { s.Id, s.Url, s.Events, s.Description, s.CreatedAt }).ToListAsync(ct);
        var views = new List<SubscriptionView>();
        foreach (var s in subscriptions)
        {
            // At most a few subscriptions per merchant (WebhookOptions), so one small query each.
            var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == s.Id)
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(RecentDeliveries)
                .Select(d => new DeliveryView(d.EventType, d.State, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt))
                .ToListAsync(ct);
            views.Add(new SubscriptionView(s.Id, s.Url, s.Events, s.Description, s.CreatedAt, deliveries));
        }
        Subscriptions = views;
    }

    public sealed record SubscriptionView(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, DateTimeOffset CreatedAt,
        IReadOnlyList<DeliveryView> Deliveries);

    public sealed record DeliveryView(string EventType, WebhookDeliveryState State, int Attempts, int? LastStatusCode, string? LastError,
        DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);
}
