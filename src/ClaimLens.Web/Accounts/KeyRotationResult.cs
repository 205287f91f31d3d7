namespace ClaimLens.Web.Accounts;

/// <summary>Values re-encrypted, and values that could not be (unknown key or damaged).</summary>
public readonly record struct KeyRotationResult(int Rewritten, int Failed)
{
    public KeyRotationResult Add(KeyRotationResult other) => new(Rewritten + other.Rewritten, Failed + other.Failed);
}
