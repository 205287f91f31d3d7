namespace ClaimLens.Web.Repairs;

public enum RepairTrigger
{
    /// <summary>Dispatch offers the job to a technician.</summary>
    Offer,

    /// <summary>The offer ran out or was declined; the job waits for the next technician.</summary>
    OfferLapsed,

    Accept,

    /// <summary>A dispatcher gives the job to a technician of their choice.</summary>
    Override,

    Depart,
    Arrive,
    AwaitParts,
    Complete,
    Cancel,
}
