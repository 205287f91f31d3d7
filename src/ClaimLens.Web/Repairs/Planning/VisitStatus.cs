namespace ClaimLens.Web.Repairs.Planning;

public enum VisitStatus
{
    Planned,
    Done,
    Cancelled,
}
