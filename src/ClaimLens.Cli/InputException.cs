namespace ClaimLens.Cli;

/// <summary>An input file cannot be used; the command prints "claimlens: FILE: why" and exits 2.</summary>
internal sealed class InputException(string file, string reason) : Exception($"{file}: {reason}")
{
    public string File { get; } = file;

    public string Reason { get; } = reason;
}
