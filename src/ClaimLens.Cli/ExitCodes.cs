namespace ClaimLens.Cli;

/// <summary>The command's exit codes, part of its contract with scripts.</summary>
internal static class ExitCodes
{
    /// <summary>The analysis ran, whatever the verdict.</summary>
    public const int Ok = 0;

    /// <summary>Bad usage: unknown option, missing argument, invalid value (System.CommandLine's parse errors also exit 1).</summary>
    public const int Usage = 1;

    /// <summary>An input cannot be read or is not a supported image.</summary>
    public const int BadInput = 2;

    /// <summary><c>eval --check-targets</c>: the analysis ran but a target was missed.</summary>
    public const int TargetMissed = 3;
}
