using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Pages.Admin;

/// <summary>The deployment as this process runs it: the effective options, read-only (they come from configuration).</summary>
public sealed class IndexModel(IOptions<DatabaseOptions> database, IOptions<MediaOptions> media, IOptions<WorkerOptions> workers,
    IHostEnvironment environment) : PageModel
{
    public DatabaseOptions Database => database.Value;

    public MediaOptions Media => media.Value;

    public WorkerOptions Workers => workers.Value;

    public string MediaRoot => Path.GetFullPath(Path.Combine(environment.ContentRootPath, Media.Root));

    /// <summary>What a new merchant starts with (each merchant may change its own).</summary>
    public MerchantSettings Defaults { get; } = new();

    public string Environment => environment.EnvironmentName;

    public void OnGet()
    {
    }
}
