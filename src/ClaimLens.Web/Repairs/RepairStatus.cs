namespace ClaimLens.Web.Repairs;

/// <summary>Where a repair job stands; moves only through <see cref="RepairStateMachine"/>.</summary>
public enum RepairStatus
{
    Requested,
    Assigned,
    Accepted,
    OnTheWay,
    OnSite,
    WaitingForParts,
    Completed,
    Cancelled,
}
