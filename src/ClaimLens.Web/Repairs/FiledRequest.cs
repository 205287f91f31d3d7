namespace ClaimLens.Web.Repairs;

/// <summary>What filing a request gave: the request and its first offer (null when nobody can take it yet), or the bad fields.</summary>
public sealed record FiledRequest(ServiceRequest? Request, DispatchOffer? Offer, Dictionary<string, string[]>? Errors);
