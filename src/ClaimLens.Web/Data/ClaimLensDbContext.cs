using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Catalog;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Orders;
using ClaimLens.Web.Repairs;
using ClaimLens.Web.Repairs.Maintenance;
using ClaimLens.Web.Repairs.Planning;
using ClaimLens.Web.Repairs.Timeline;
using ClaimLens.Web.Repairs.Authorised;
using ClaimLens.Web.Repairs.Work;
using ClaimLens.Web.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Data;

/// <summary>The desk's database. One subclass per provider (<see cref="SqliteClaimLensDbContext"/>,
/// <see cref="PostgresClaimLensDbContext"/>) holds that provider's migrations and quirks; code uses this type.
/// It is also the ASP.NET Core Identity store of the people who sign in to the pages.</summary>
public abstract class ClaimLensDbContext(DbContextOptions options) : IdentityDbContext<DeskUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every process on the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Merchant> Merchants => Set<Merchant>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ReferencePhoto> ReferencePhotos => Set<ReferencePhoto>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<PackingMedia> PackingMedia => Set<PackingMedia>();

    public DbSet<MediaBlob> MediaBlobs => Set<MediaBlob>();

    public DbSet<Claim> Claims => Set<Claim>();

    public DbSet<EvidencePhoto> EvidencePhotos => Set<EvidencePhoto>();

    public DbSet<MerchantResponse> MerchantResponses => Set<MerchantResponse>();

    public DbSet<CaptureSession> CaptureSessions => Set<CaptureSession>();

    public DbSet<AnalysisJob> Jobs => Set<AnalysisJob>();

    public DbSet<EvidenceFingerprint> Fingerprints => Set<EvidenceFingerprint>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();

    public DbSet<DispatchOffer> DispatchOffers => Set<DispatchOffer>();

    public DbSet<Technician> Technicians => Set<Technician>();

    public DbSet<ServicePoint> ServicePoints => Set<ServicePoint>();

    public DbSet<MaintenanceVisit> MaintenanceVisits => Set<MaintenanceVisit>();

    public DbSet<MaintenancePlan> MaintenancePlans => Set<MaintenancePlan>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();

    public DbSet<Part> Parts => Set<Part>();

    public DbSet<JobRecord> JobRecords => Set<JobRecord>();

    public DbSet<RepairPhoto> RepairPhotos => Set<RepairPhoto>();

    public DbSet<AuthorisedBrand> AuthorisedBrands => Set<AuthorisedBrand>();

    public DbSet<OfficialPhone> OfficialPhones => Set<OfficialPhone>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>Saves; claim status changes first add their webhook deliveries (<see cref="WebhookOutbox"/>); when
    /// audit entries are among the changes, links them into the chain first, under a lock that makes concurrent
    /// writers (threads or processes) append one after another. When a concurrent request
    /// stored the same media first (same SHA-256), the duplicate row is dropped and the save is tried again.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveOnceAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && attempt < 3 && Database.CurrentTransaction is null)
            {
                if (!await DropMediaStoredMeanwhileAsync(cancellationToken))
                    throw;
            }
        }
    }

    private async Task<bool> DropMediaStoredMeanwhileAsync(CancellationToken cancellationToken)
    {
        var added = ChangeTracker.Entries<MediaBlob>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0)
            return false;
        var shas = added.Select(e => e.Entity.Sha256).ToList();
        var existing = await MediaBlobs.AsNoTracking().Where(b => shas.Contains(b.Sha256)).Select(b => b.Sha256).ToListAsync(cancellationToken);
        // The row exists now with the same content (the key is the content's hash): mark it unchanged. Detaching it
        // instead would make EF drop the photos that depend on it as orphans.
        foreach (var entry in added.Where(e => existing.Contains(e.Entity.Sha256)))
            entry.State = EntityState.Unchanged;
        return existing.Count > 0;
    }

    private async Task<int> SaveOnceAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        await WebhookOutbox.CaptureAsync(this, cancellationToken);
        var pending = ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (pending.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        using var gate = await EnterAuditGateAsync(cancellationToken);
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await LockAuditChainAsync(cancellationToken);
            var previous = await AuditEntries.AsNoTracking().OrderByDescending(a => a.Seq)
                .Select(a => a.Hash).FirstOrDefaultAsync(cancellationToken) ?? "";
            // The chain is verified in Seq order, and Seq is given by the database as the rows are inserted, in an
            // order EF does not promise to be the order of Append (a context already tracking earlier entries chained
            // them one way and inserted them another). So the rows go in first, then are linked in the order the
            // database numbered them, in the same transaction and under the same lock.
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            foreach (var entry in pending.OrderBy(e => e.Seq))
            {
                entry.PrevHash = previous;
                entry.Hash = AuditChain.ComputeHash(entry);
                previous = entry.Hash;
            }
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>The synchronous path is not used by the desk; it refuses rather than skip the chain or the outbox.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added) || WebhookOutbox.HasStatusChanges(this)
            ? throw new InvalidOperationException("audit entries and claim moves are saved with SaveChangesAsync")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    /// <summary>A process-local gate, for providers whose database lock cannot be taken inside a transaction.</summary>
    protected virtual ValueTask<IDisposable?> EnterAuditGateAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>A database lock, held until the transaction ends, serialising appends across processes.</summary>
    protected virtual Task LockAuditChainAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClaimLensDbContext).Assembly);
        // The desk makes its own ids (version 7 GUIDs, time-ordered). Telling EF so makes an entity added through a
        // navigation (a photo added to a loaded claim) an insert; with "generated" keys EF would take the set id for
        // an existing row and update nothing.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var key in entity.FindPrimaryKey()?.Properties ?? [])
            {
                if (key.ClrType == typeof(Guid))
                    key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }
}
