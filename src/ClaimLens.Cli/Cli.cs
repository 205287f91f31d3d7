namespace ClaimLens.Cli;

/// <summary>The one place where command failures become exit codes and one line on stderr.</summary>
internal static class Cli
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException ex)
        {
            Console.Error.WriteLine($"claimlens: {ex.File}: {ex.Reason}");
            return ExitCodes.BadInput;
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"claimlens: {ex.Message}");
            return ExitCodes.Usage;
        }
    }
}
