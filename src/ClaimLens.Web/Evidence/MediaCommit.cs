using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Evidence;

/// <summary>Moves checked uploads into the store and adds their <see cref="MediaBlob"/> rows to the unit of work.
/// Files land before the rows are saved; if the save then fails, they are orphans for
/// <see cref="OrphanSweeper"/> (see docs/decisions/0009).</summary>
public static class MediaCommit
{
    public static async Task CommitAsync(ClaimLensDbContext db, MediaStore store, IEnumerable<StagedFile> files, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        var list = files.DistinctBy(f => f.Sha256).ToList();
        var shas = list.Select(f => f.Sha256).ToList();
        var known = await db.MediaBlobs.AsNoTracking().Where(b => shas.Contains(b.Sha256)).Select(b => b.Sha256).ToListAsync(cancellationToken);
        foreach (var file in list)
        {
            store.Commit(file);
            if (!known.Contains(file.Sha256) && !db.MediaBlobs.Local.Any(b => b.Sha256 == file.Sha256))
                db.MediaBlobs.Add(new MediaBlob { Sha256 = file.Sha256, Length = file.Length, ContentType = file.ContentType, CreatedAt = now });
        }
    }
}
