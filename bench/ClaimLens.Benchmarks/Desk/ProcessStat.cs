using System.Globalization;

namespace ClaimLens.Benchmarks.Desk;

/// <summary>A process's processor time (user and system), minor page faults, and the processor time of its JIT and GC
/// threads, from <c>/proc/PID/stat</c> and <c>/proc/PID/task/TID/stat</c>: what the desk spent on the work, whichever
/// share of the cores other sessions left it.</summary>
internal readonly record struct ProcessStat(TimeSpan User, TimeSpan System, long MinorFaults, TimeSpan Jit, TimeSpan Gc, TimeSpan MachineIdle)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    // The last figures of every thread seen, so a thread that has ended (the runtime retires its tiered-compilation
    // worker when idle) still counts; callers read often enough (every 50 ms) to see nearly every thread.
    private static readonly Dictionary<(int Process, string Thread), (string Name, TimeSpan Time)> Threads = [];

    public TimeSpan Processor => User + System;

    public static ProcessStat Read(int processId)
    {
        var (user, system, faults) = ReadStat($"/proc/{processId}/stat");
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                // Thread names as the runtime sets them: ".NET Tiered Com[pilation Worker]", ".NET Server GC", ".NET BGC".
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var (u, s, _) = ReadStat(Path.Combine(task, "stat"));
                lock (Threads)
                    Threads[(processId, Path.GetFileName(task))] = (name, u + s);
            }
            catch (IOException)
            {
                // the thread ended between listing and reading
            }
        }
        TimeSpan jit = default, gc = default;
        lock (Threads)
        {
            foreach (var ((process, _), (name, time)) in Threads)
            {
                if (process != processId)
                    continue;
                if (name.StartsWith(".NET Tiered", StringComparison.Ordinal))
                    jit += time;
                else if (name.Contains("GC", StringComparison.Ordinal))
                    gc += time;
            }
        }
        // /proc/stat's first line: "cpu user nice system idle iowait ...", in ticks summed over the cores.
        var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var idle = TimeSpan.FromSeconds(long.Parse(machine[4], CultureInfo.InvariantCulture) / TicksPerSecond);
        return new ProcessStat(user, system, faults, jit, gc, idle);
    }

    // "pid (comm) state ppid ...": comm may hold spaces, so fields are counted after the last ')'. After it: state(3)
    // ppid(4) pgrp session tty_nr tpgid flags minflt(10) cminflt majflt cmajflt utime(14) stime(15).
    private static (TimeSpan User, TimeSpan System, long Faults) ReadStat(string path)
    {
        var text = File.ReadAllText(path);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (TimeSpan.FromSeconds(long.Parse(fields[11], CultureInfo.InvariantCulture) / TicksPerSecond),
            TimeSpan.FromSeconds(long.Parse(fields[12], CultureInfo.InvariantCulture) / TicksPerSecond),
            long.Parse(fields[7], CultureInfo.InvariantCulture));
    }

    public static ProcessStat operator -(ProcessStat a, ProcessStat b) =>
        new(a.User - b.User, a.System - b.System, a.MinorFaults - b.MinorFaults, a.Jit - b.Jit, a.Gc - b.Gc, a.MachineIdle - b.MachineIdle);

    public static ProcessStat operator /(ProcessStat a, int n) => new(a.User / n, a.System / n, a.MinorFaults / n, a.Jit / n, a.Gc / n, a.MachineIdle / n);

    public override string ToString() =>
        $"user {User.TotalMilliseconds:F0} ms, system {System.TotalMilliseconds:F0} ms, of which JIT thread {Jit.TotalMilliseconds:F0} ms, " +
        $"GC threads {Gc.TotalMilliseconds:F0} ms; {MinorFaults:N0} page faults";
}
