using System.Text.Json;
using ClaimLens.Web.Data;

namespace ClaimLens.Web.Audit;

/// <summary>Adds audit entries to a unit of work; <see cref="ClaimLensDbContext.SaveChangesAsync(bool, CancellationToken)"/>
/// chains them when the work is saved, so an entry exists exactly when its change does.</summary>
public static class AuditLog
{
    public static void Append(this ClaimLensDbContext db, TimeProvider time, string actor, string action,
        string subjectType, object subjectId, Guid? merchantId, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId.ToString() ?? "",
            MerchantId = merchantId,
            Data = data is null ? "{}" : JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
        });
    }
}
