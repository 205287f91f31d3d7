using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs;

/// <summary>Warranty of completed repairs: how long it runs, which device a request is about, and the earlier job a
/// new request falls under.</summary>
public static class Warranty
{
    private const string DevicePurpose = "repair-device";

    /// <summary>The most specific policy for the brand and fault type, else the default length.</summary>
    public static TimeSpan LengthFor(RepairsOptions options, string brand, string faultType)
    {
        ArgumentNullException.ThrowIfNull(options);
        static bool Is(string? policy, string value) => string.Equals(policy?.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase);
        var policies = options.WarrantyPolicies;
        return (policies.FirstOrDefault(p => Is(p.Brand, brand) && Is(p.FaultType, faultType))
            ?? policies.FirstOrDefault(p => Is(p.Brand, brand) && p.FaultType is null)
            ?? policies.FirstOrDefault(p => p.Brand is null && Is(p.FaultType, faultType)))?.Length ?? options.Warranty;
    }

    /// <summary>The keyed hash naming a device: brand + model + serial when there is a serial, else brand + model + the
    /// customer's phone + town + street (a lock stays on its door).</summary>
    public static string DeviceIndex(PersonalData personal, string brand, string? model, string? serial, string phone, string town, string street)
    {
        ArgumentNullException.ThrowIfNull(personal);
        static string N(string? s) => string.Concat((s ?? "").Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        var text = string.IsNullOrWhiteSpace(serial)
            ? string.Join('\u001f', "a", N(brand), N(model), phone, town, N(street))
            : string.Join('\u001f', "s", N(brand), N(model), N(serial));
        return personal.BlindIndex(DevicePurpose, text);
    }

    /// <summary>The first completed job on the same device and fault whose warranty still runs at <paramref name="now"/>
    /// (a job that was itself a warranty repair points to the job it was under), or null.</summary>
    public static async Task<ServiceRequest?> FindCoveringAsync(ClaimLensDbContext db, Guid merchant, string deviceIndex, string faultType,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var earlier = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.MerchantId == merchant && r.DeviceIndex == deviceIndex && r.FaultType == faultType
                && r.Status == RepairStatus.Completed && r.WarrantyUntil > now)
            .OrderBy(r => r.CompletedAt).FirstOrDefaultAsync(cancellationToken);
        if (earlier?.WarrantyOfRequestId is { } first)
            return await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == first, cancellationToken) ?? earlier;
        return earlier;
    }
}
