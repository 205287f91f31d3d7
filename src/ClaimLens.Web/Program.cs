using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
// Defaults for a desk started from anywhere (appsettings.json may not be beside the content root): SQL at Warning.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

builder.AddClaimLensData();
if (args is ["audit", "verify", ..]) { Environment.ExitCode = await ClaimLens.Web.Audit.AuditCommand.RunAsync(builder); return; }
builder.AddClaimLensAccounts();
builder.AddClaimLensEvidence();
builder.AddClaimLensClaims();
builder.AddClaimLensRepairs();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DeskExceptionHandler>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapOpenApi();
app.MapClaimLensApi();

await app.Services.MigrateClaimLensDatabaseAsync();
if (app.Configuration.GetValue("ClaimLens:Demo", false))
    await DemoData.SeedAsync(app);

await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
