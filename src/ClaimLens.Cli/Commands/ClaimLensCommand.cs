using System.CommandLine;

namespace ClaimLens.Cli.Commands;

/// <summary>The root <c>claimlens</c> command; <c>--version</c> and <c>--help</c> come with it.</summary>
internal static class ClaimLensCommand
{
    public static RootCommand Create() => new("ClaimLens: checks after-sales evidence photos for forgery, AI labels and reuse")
    {
        InspectCommand.Create(),
        InspectDirCommand.Create(),
        IndexCommand.Create(),
        EvalCommand.Create(),
        DevSetCommand.Create(),
        DemoCommand.Create(),
    };
}
