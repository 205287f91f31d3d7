using ClaimLens.Web.Infrastructure;

namespace ClaimLens.Web.Repairs;

/// <summary>The one place that says which repair moves are allowed. Every change of <see cref="ServiceRequest.Status"/>
/// goes through <see cref="Fire"/>; anything else is refused with the reason (HTTP 409).</summary>
public static class RepairStateMachine
{
    private static readonly RepairStatus[] Open =
        [RepairStatus.Requested, RepairStatus.Assigned, RepairStatus.Accepted, RepairStatus.OnTheWay, RepairStatus.OnSite, RepairStatus.WaitingForParts];

    private static readonly Dictionary<(RepairStatus, RepairTrigger), RepairStatus> Moves = Build();

    public static bool CanFire(RepairStatus from, RepairTrigger trigger) => Moves.ContainsKey((from, trigger));

    /// <summary>Moves <paramref name="request"/> and returns the status it left.</summary>
    /// <exception cref="DeskProblemException">409: the move is not allowed from the request's status.</exception>
    public static RepairStatus Fire(ServiceRequest request, RepairTrigger trigger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Moves.TryGetValue((request.Status, trigger), out var to))
            throw new DeskProblemException(StatusCodes.Status409Conflict, "The repair cannot make that move",
                $"a request that is {Name(request.Status)} cannot {Name(trigger)}");
        var from = request.Status;
        request.Status = to;
        request.UpdatedAt = now;
        request.Version++;
        return from;
    }

    /// <summary>True for the statuses that hold a technician's capacity.</summary>
    public static bool HoldsCapacity(RepairStatus status) =>
        status is RepairStatus.Assigned or RepairStatus.Accepted or RepairStatus.OnTheWay or RepairStatus.OnSite;

    public static string Name(RepairStatus status) => status switch
    {
        RepairStatus.Requested => "requested",
        RepairStatus.Assigned => "assigned",
        RepairStatus.Accepted => "accepted",
        RepairStatus.OnTheWay => "on_the_way",
        RepairStatus.OnSite => "on_site",
        RepairStatus.WaitingForParts => "waiting_for_parts",
        RepairStatus.Completed => "completed",
        RepairStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Name(RepairTrigger trigger) => trigger switch
    {
        RepairTrigger.AwaitParts => "await_parts",
        RepairTrigger.OfferLapsed => "offer_lapsed",
        _ => trigger.ToString().ToLowerInvariant(),
    };

    /// <summary>The trigger a client names in a move request (depart, arrive, await_parts, complete, cancel).</summary>
    public static RepairTrigger? ParseMove(string? move) => move switch
    {
        "depart" => RepairTrigger.Depart,
        "arrive" => RepairTrigger.Arrive,
        "await_parts" => RepairTrigger.AwaitParts,
        "complete" => RepairTrigger.Complete,
        "cancel" => RepairTrigger.Cancel,
        _ => null,
    };

    private static Dictionary<(RepairStatus, RepairTrigger), RepairStatus> Build()
    {
        var moves = new Dictionary<(RepairStatus, RepairTrigger), RepairStatus>
        {
            [(RepairStatus.Requested, RepairTrigger.Offer)] = RepairStatus.Assigned,
            [(RepairStatus.Assigned, RepairTrigger.OfferLapsed)] = RepairStatus.Requested,
            [(RepairStatus.Assigned, RepairTrigger.Accept)] = RepairStatus.Accepted,
            [(RepairStatus.Accepted, RepairTrigger.Depart)] = RepairStatus.OnTheWay,
            [(RepairStatus.WaitingForParts, RepairTrigger.Depart)] = RepairStatus.OnTheWay,
            [(RepairStatus.OnTheWay, RepairTrigger.Arrive)] = RepairStatus.OnSite,
            [(RepairStatus.OnSite, RepairTrigger.AwaitParts)] = RepairStatus.WaitingForParts,
            [(RepairStatus.OnSite, RepairTrigger.Complete)] = RepairStatus.Completed,
        };
        // A dispatcher may move the job to someone else until the technician is on site; any open job can be cancelled.
        foreach (var from in new[] { RepairStatus.Requested, RepairStatus.Assigned, RepairStatus.Accepted, RepairStatus.OnTheWay })
            moves[(from, RepairTrigger.Override)] = RepairStatus.Assigned;
        foreach (var from in Open)
            moves[(from, RepairTrigger.Cancel)] = RepairStatus.Cancelled;
        return moves;
    }
}
