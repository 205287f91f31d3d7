using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;

// Settings are read once, at start: watching appsettings.json for changes makes .NET watch the whole content root,
// recursively, and the media store and the SQLite file live under it by default (an inotify watch per media folder,
// an event for every stored photo and database write: ~5 ms of CPU per claim at intake, bench desk-load).
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
// Defaults for a desk started from anywhere (appsettings.json may not be beside the content root): SQL at Warning.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

builder.AddClaimLensData();
if (args is ["audit", "verify", ..]) { Environment.ExitCode = await ClaimLens.Web.Audit.AuditCommand.RunAsync(builder); return; }
builder.AddClaimLensAccounts();
builder.AddClaimLensEvidence();
builder.AddClaimLensClaims();
builder.AddClaimLensRepairs();
builder.AddClaimLensPages();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DeskExceptionHandler>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseRequestLocalization();
// People get a page in their language; programs get problem details.
app.UseWhen(http => !DeskAuthentication.IsMachinePath(http.Request.Path), b => b.UseStatusCodePagesWithReExecute("/status/{0}"));
app.UseWhen(http => DeskAuthentication.IsMachinePath(http.Request.Path), b => b.UseStatusCodePages());
// Routing after the status pages, so a re-executed request (/status/404) is routed afresh.
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<ClaimLens.Web.Accounts.CookieApiAntiforgery>();
app.UseAntiforgery();
app.UseRateLimiter();
app.MapOpenApi();
app.MapClaimLensApi();
app.MapClaimLensPages();

await app.Services.MigrateClaimLensDatabaseAsync();
await app.Services.EnsureClaimLensRolesAsync();
if (app.Configuration.GetValue("ClaimLens:Demo", false))
    await DemoData.SeedAsync(app);

await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
