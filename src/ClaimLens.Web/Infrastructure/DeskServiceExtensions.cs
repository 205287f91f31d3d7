using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Catalog;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Claims.Bundle;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Evidence.Renditions;
using ClaimLens.Web.Orders;
using ClaimLens.Web.Webhooks;
using ClaimLens.Web.Regions;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Repairs.Maintenance;
using ClaimLens.Web.Repairs.Planning;
using ClaimLens.Web.Repairs.Reports;
using ClaimLens.Web.Repairs.Timeline;
using ClaimLens.Web.Repairs.Authorised;
using ClaimLens.Web.Repairs.Work;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.Features;

namespace ClaimLens.Web.Infrastructure;

/// <summary>One call per feature, so <c>Program.cs</c> reads as the list of what the desk is made of.</summary>
public static class DeskServiceExtensions
{
    public static IHostApplicationBuilder AddClaimLensAccounts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PersonalDataOptions>().BindConfiguration(PersonalDataOptions.Section);
        builder.Services.AddSingleton<PersonalData>();
        builder.AddDeskAuthentication();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Merchant, p => p.RequireRole(nameof(Role.Merchant)).RequireClaim(Caller.MerchantClaim))
            .AddPolicy(Policies.Reviewer, p => p.RequireRole(nameof(Role.Reviewer), nameof(Role.Admin)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(Role.Admin)))
            .AddPolicy(Policies.Technician, p => p.RequireRole(nameof(Role.Technician)).RequireClaim(Caller.MerchantClaim).RequireClaim(Caller.TechnicianClaim))
            .AddPolicy(Policies.RepairJob, p => p.RequireRole(nameof(Role.Merchant), nameof(Role.Technician)).RequireClaim(Caller.MerchantClaim));
        return builder;
    }

    public static IHostApplicationBuilder AddClaimLensEvidence(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The analysis workers' image buffers come from the heap, not fresh mappings (see NativeHeap).
        ClaimLens.Forensics.NativeHeap.KeepLargeBlocks();
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MediaStore>();
        builder.Services.AddSingleton<ReferenceCache>();
        builder.Services.AddSingleton<DeskReuseIndex>();
        builder.Services.AddSingleton<JobSignal>();
        builder.Services.AddScoped<JobQueue>();
        builder.Services.AddScoped<PhotoAnalysis>();
        builder.Services.AddSingleton<MediaRenditions>();
        builder.Services.AddScoped<MediaAccess>();
        builder.Services.AddOptions<VideoFrameOptions>().BindConfiguration(VideoFrameOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FrameExtractor>();
        builder.Services.AddScoped<PackingVideoFrames>();
        builder.Services.AddHostedService<JobWorker>();
        builder.Services.AddHostedService<OrphanSweeper>();
        // Nine 25 MB photos and the form around them; the store enforces the per-file limit while streaming.
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 600L * 1024 * 1024);
        builder.WebHostMaxRequestBody(600L * 1024 * 1024);
        return builder;
    }

    public static IHostApplicationBuilder AddClaimLensClaims(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<ResponseWindowWatcher>();
        builder.AddClaimLensWebhooks();
        return builder;
    }

    public static IHostApplicationBuilder AddClaimLensRepairs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RepairsOptions>().BindConfiguration(RepairsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DayPlanOptions>().BindConfiguration(DayPlanOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<KeyRotationOptions>().BindConfiguration(KeyRotationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(_ => RegionIndex.Shared);
        builder.Services.AddSingleton<DispatchIndex>();
        builder.Services.AddHostedService<OfferWatcher>();
        builder.Services.AddHostedService<DispatchIndexRefresher>();
        builder.Services.AddHostedService<MaintenanceScheduler>();
        builder.Services.AddOptions<AuthorisedCheckOptions>().BindConfiguration(AuthorisedCheckOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One fixed window per client IP; the limits are read when an IP's window is first made.
            limiter.AddPolicy(AuthorisedCheckOptions.Policy, http =>
            {
                var o = http.RequestServices.GetRequiredService<IOptions<AuthorisedCheckOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = o.PermitLimit, Window = o.Window, QueueLimit = 0 });
            });
        });
        builder.Services.AddHostedService<KeyRotationService>();
        builder.Services.AddScoped<RepairPhotoAnalysis>();
        return builder;
    }

    public static WebApplication MapClaimLensApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapCatalogApi();
        app.MapOrdersApi();
        app.MapClaimsApi();
        app.MapReviewApi();
        app.MapBundleApi();
        app.MapAuditApi();
        app.MapWebhooksApi();
        app.MapRegionsApi();
        app.MapRepairRequestsApi();
        app.MapRepairJobsApi();
        app.MapDispatchBoardApi();
        app.MapTechniciansApi();
        app.MapMediaApi();
        app.MapDayPlanApi();
        app.MapFollowUpsApi();
        app.MapRepairReportsApi();
        app.MapMaintenancePlansApi();
        app.MapTimelineApi();
        app.MapAuthorisedApi();
        app.MapRepairWorkApi();
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }

    private static void WebHostMaxRequestBody(this IHostApplicationBuilder builder, long bytes) =>
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = bytes);
}
