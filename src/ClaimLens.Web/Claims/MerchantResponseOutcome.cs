namespace ClaimLens.Web.Claims;

/// <summary>What became of a merchant's answer: the claim was not found (or is another merchant's), the answer had
/// bad fields (each named), or it was recorded and the claim moved to <paramref name="Status"/>.</summary>
public sealed record MerchantResponseOutcome(bool Found, IReadOnlyDictionary<string, string[]> Errors, ClaimStatus Status)
{
    public static MerchantResponseOutcome NotFound { get; } = new(false, new Dictionary<string, string[]>(), default);

    public bool Recorded => Found && Errors.Count == 0;
}
