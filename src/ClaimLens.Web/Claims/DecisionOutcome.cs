namespace ClaimLens.Web.Claims;

/// <summary>What <see cref="ClaimDecisions.DecideAsync"/> did: decided, refused the request's fields, or found no claim
/// the caller may see.</summary>
public sealed record DecisionOutcome(DecisionResult? Result, IReadOnlyDictionary<string, string[]>? Errors)
{
    public static DecisionOutcome NotFound { get; } = new(null, null);

    public bool IsNotFound => Result is null && Errors is null;

    public static DecisionOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);

    public static DecisionOutcome Decided(DecisionResult result) => new(result, null);
}
