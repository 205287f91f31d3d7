namespace ClaimLens.Cli;

/// <summary>The command line is well-formed but asks for something impossible; exit 1.</summary>
internal sealed class UsageException(string message) : Exception(message);
