namespace ClaimLens.Web.Repairs;

/// <summary>How the request reached the desk: the customer's own page, an agent on the phone, a partner's system.</summary>
public enum RequestChannel
{
    Online,
    Agent,
    Partner,
}
