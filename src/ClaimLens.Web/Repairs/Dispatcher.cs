using System.Text.Json;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs;

/// <summary>Offers a request to the best technician it has not been offered to yet. Changes are added to the
/// context; the caller saves them (with the audit entries) and then refreshes loads.</summary>
public static class Dispatcher
{
    public static async Task<DispatchOffer?> OfferNextAsync(ClaimLensDbContext db, DispatchIndex index, RepairsOptions options,
        ServiceRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var pool = await index.GetAsync(db, request.MerchantId, cancellationToken);
        var tried = await db.DispatchOffers.AsNoTracking().Where(o => o.RequestId == request.Id).Select(o => o.TechnicianId).ToListAsync(cancellationToken);
        tried.AddRange(db.DispatchOffers.Local.Where(o => o.RequestId == request.Id).Select(o => o.TechnicianId));
        var query = DispatchQuery.For(pool, request);
        var best = query is { } q ? DispatchRanking.Best(pool, q, options.Weights, now, tried.ToHashSet()) : null;
        if (best is not { } chosen)
        {
            db.Append(time, "dispatch", "repair.no_candidate", "service_request", request.Id, request.MerchantId, new { tried = tried.Count });
            return null;
        }
        var offer = new DispatchOffer
        {
            Id = Guid.CreateVersion7(now), RequestId = request.Id, MerchantId = request.MerchantId, TechnicianId = pool.IdOf(chosen.Slot),
            Status = OfferStatus.Open, OfferedAt = now, ExpiresAt = now + options.OfferTimeout, OfferedBy = "dispatch",
            Ranking = JsonSerializer.Serialize(new
            {
                score = Math.Round(chosen.Score, 2), travelMinutes = Math.Round(chosen.TravelMinutes, 1), load = chosen.Load,
                reRepairRate = Math.Round(chosen.ReRepairRate, 3), tier = chosen.Tier.ToString().ToLowerInvariant(),
            }, JsonSerializerOptions.Web),
        };
        db.DispatchOffers.Add(offer);
        RepairStateMachine.Fire(request, RepairTrigger.Offer, now);
        request.TechnicianId = offer.TechnicianId;
        db.Append(time, "dispatch", "repair.offered", "service_request", request.Id, request.MerchantId,
            new { technician = offer.TechnicianId, offer.ExpiresAt, ranking = offer.Ranking });
        return offer;
    }
}
