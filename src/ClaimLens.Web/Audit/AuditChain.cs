using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Audit;

/// <summary>Computes and verifies the audit log's hash chain.</summary>
public static class AuditChain
{
    /// <summary>SHA-256 (hex) over the previous hash and every field of the entry except its sequence number,
    /// joined with the unit separator so no field can bleed into its neighbour.</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = string.Join('\u001f',
            entry.PrevHash,
            entry.At.ToUniversalTime().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            entry.Actor, entry.Action, entry.SubjectType, entry.SubjectId,
            entry.MerchantId?.ToString() ?? "", entry.Data);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Walks the whole log in order; the first entry whose link or hash does not hold is returned.</summary>
    public static async Task<AuditVerification> VerifyAsync(ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var previous = "";
        long count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (entry.PrevHash != previous)
                return new AuditVerification(false, count, entry.Seq, "its link to the previous entry does not match (an entry before it was changed or removed)");
            if (ComputeHash(entry) != entry.Hash)
                return new AuditVerification(false, count, entry.Seq, "its content does not match its hash (the entry was changed)");
            previous = entry.Hash;
        }
        return new AuditVerification(true, count, null, null);
    }
}
