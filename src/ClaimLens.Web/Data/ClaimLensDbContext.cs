using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Catalog;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Orders;
using ClaimLens.Web.Repairs;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Data;

/// <summary>The desk's database. One subclass per provider (<see cref="SqliteClaimLensDbContext"/>,
/// <see cref="PostgresClaimLensDbContext"/>) holds that provider's migrations and quirks; code uses this type.</summary>
public abstract class ClaimLensDbContext(DbContextOptions options) : DbContext(options)
{
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

    public DbSet<AnalysisJob> Jobs => Set<AnalysisJob>();

    public DbSet<EvidenceFingerprint> Fingerprints => Set<EvidenceFingerprint>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();

    public DbSet<DispatchOffer> DispatchOffers => Set<DispatchOffer>();

    public DbSet<Technician> Technicians => Set<Technician>();

    public DbSet<ServicePoint> ServicePoints => Set<ServicePoint>();

    /// <summary>Saves; when audit entries are among the changes, links them into the chain first, under a lock
    /// that makes concurrent writers (threads or processes) append one after another.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
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
            foreach (var entry in pending)
            {
                entry.PrevHash = previous;
                entry.Hash = AuditChain.ComputeHash(entry);
                previous = entry.Hash;
            }
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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

    /// <summary>The synchronous path is not used by the desk; it refuses rather than skip the chain.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added)
            ? throw new InvalidOperationException("audit entries are saved with SaveChangesAsync")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    /// <summary>A process-local gate, for providers whose database lock cannot be taken inside a transaction.</summary>
    protected virtual ValueTask<IDisposable?> EnterAuditGateAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>A database lock, held until the transaction ends, serialising appends across processes.</summary>
    protected virtual Task LockAuditChainAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
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
