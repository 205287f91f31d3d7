using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ClaimLens.Web.Evidence;

/// <summary>Runs a command-line tool (ffmpeg, ffprobe) without a shell: arguments are passed one by one, never
/// parsed from a string. The run is killed, with any children, when it passes its time limit or when a watchdog
/// says its output grew too large; what it prints is captured up to a bound.</summary>
internal static class ToolProcess
{
    private const int MaxOutputChars = 256 * 1024;
    private const int MaxErrorChars = 8 * 1024;
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(200);

    /// <exception cref="InvalidOperationException">The tool is not installed or cannot be started.</exception>
    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan timeout, Func<string?>? watchdog, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = workingDirectory, StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{fileName} could not be started ({e.Message}); scripts/setup.sh installs ffmpeg", e);
        }
        process.StandardInput.Close(); // a tool that waits for input gets end-of-file, not a hang
        var output = ReadAsync(process.StandardOutput, MaxOutputChars, keepTail: false);
        var errors = ReadAsync(process.StandardError, MaxErrorChars, keepTail: true);

        string? stopped = null;
        var timedOut = false;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var exit = process.WaitForExitAsync(CancellationToken.None);
        try
        {
            while (!exit.IsCompleted)
            {
                try
                {
                    await exit.WaitAsync(watchdog is null ? Timeout.InfiniteTimeSpan : WatchInterval, limit.Token);
                }
                catch (TimeoutException)
                {
                    // a watch tick
                }
                if (!exit.IsCompleted && watchdog?.Invoke() is { } reason)
                {
                    stopped = reason;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stopped = $"it took longer than {timeout.TotalSeconds:0.###} s";
            timedOut = true;
        }
        finally
        {
            Kill(process);
            await exit.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        var text = await output;
        var tail = await errors;
        return new ToolResult(stopped is null && process.HasExited ? process.ExitCode : -1, text, tail, stopped, timedOut);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // it ended between the check and the kill
        }
    }

    private static async Task<string> ReadAsync(StreamReader reader, int limit, bool keepTail)
    {
        // The pipe is drained to its end either way, so the tool never blocks on a full pipe.
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            if (keepTail)
            {
                text.Append(buffer, 0, read);
                if (text.Length > 2 * limit)
                    text.Remove(0, text.Length - limit);
            }
            else if (text.Length < limit)
            {
                text.Append(buffer, 0, Math.Min(read, limit - text.Length));
            }
        }
        if (text.Length > limit)
            text.Remove(0, text.Length - limit);
        return text.ToString();
    }
}
