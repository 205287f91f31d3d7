using System.Security.Cryptography;
using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Accounts;

/// <summary>Re-encrypts personal data still under an older key with the active one (decision 0013). Works in batches
/// ordered by id; the selection itself ("some value does not start with the active prefix") is the progress, so a
/// pass can stop anywhere and the next one resumes, and a value already under the active key is never touched.</summary>
public static class KeyRotation
{
    /// <summary>Runs batches until no value is left under an old key (or <paramref name="maxBatches"/> ran).</summary>
    public static async Task<KeyRotationResult> RunAsync(ClaimLensDbContext db, PersonalData personal, int batchSize, int maxBatches,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personal);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var prefix = personal.ActivePrefix;
        var total = new KeyRotationResult(0, 0);
        var cursor = Guid.Empty;
        for (var batch = 0; batch < maxBatches; batch++)
        {
            db.ChangeTracker.Clear();
            var requests = await db.ServiceRequests
                .Where(r => r.Id.CompareTo(cursor) > 0
                    && (!r.NameProtected.StartsWith(prefix) || !r.PhoneProtected.StartsWith(prefix) || !r.StreetProtected.StartsWith(prefix)))
                .OrderBy(r => r.Id).Take(batchSize).ToListAsync(cancellationToken);
            foreach (var r in requests)
            {
                total = total.Add(Rewrite(personal, r.NameProtected, v => r.NameProtected = v)
                    .Add(Rewrite(personal, r.PhoneProtected, v => r.PhoneProtected = v))
                    .Add(Rewrite(personal, r.StreetProtected, v => r.StreetProtected = v)));
            }
            if (requests.Count > 0)
                cursor = requests[^1].Id;
            await db.SaveChangesAsync(cancellationToken);
            if (requests.Count < batchSize)
                break;
        }
        cursor = Guid.Empty;
        for (var batch = 0; batch < maxBatches; batch++)
        {
            db.ChangeTracker.Clear();
            var orders = await db.Orders.Where(o => !o.BuyerPhoneProtected.StartsWith(prefix) && o.Id.CompareTo(cursor) > 0)
                .OrderBy(o => o.Id).Take(batchSize).ToListAsync(cancellationToken);
            foreach (var o in orders)
                total = total.Add(Rewrite(personal, o.BuyerPhoneProtected, v => o.BuyerPhoneProtected = v));
            if (orders.Count > 0)
                cursor = orders[^1].Id;
            await db.SaveChangesAsync(cancellationToken);
            if (orders.Count < batchSize)
                break;
        }
        db.ChangeTracker.Clear();
        return total;
    }

    /// <summary>How many stored values name each key id (the rotation's progress; an old key may go once it reads 0).</summary>
    public static async Task<Dictionary<string, int>> CountByKeyAsync(ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string value)
        {
            var key = PersonalData.KeyIdOf(value) ?? "?";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        await foreach (var r in db.ServiceRequests.AsNoTracking().Select(r => new { r.NameProtected, r.PhoneProtected, r.StreetProtected })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Count(r.NameProtected);
            Count(r.PhoneProtected);
            Count(r.StreetProtected);
        }
        await foreach (var phone in db.Orders.AsNoTracking().Select(o => o.BuyerPhoneProtected).AsAsyncEnumerable().WithCancellation(cancellationToken))
            Count(phone);
        return counts;
    }

    private static KeyRotationResult Rewrite(PersonalData personal, string value, Action<string> set)
    {
        if (value.StartsWith(personal.ActivePrefix, StringComparison.Ordinal))
            return new KeyRotationResult(0, 0);
        try
        {
            set(personal.Reprotect(value));
            return new KeyRotationResult(1, 0);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Its key is gone or the value is damaged: left as it is and counted, so the operator sees it before removing keys.
            return new KeyRotationResult(0, 1);
        }
    }
}
