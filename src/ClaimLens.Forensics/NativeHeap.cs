using System.Runtime.InteropServices;

namespace ClaimLens.Forensics;

/// <summary>Process-wide tuning of the C heap that OpenCV's image buffers come from. Call it once at start-up
/// from a host (the CLI, the desk, the benchmarks); the engine works without it.</summary>
/// <remarks>An analysis allocates a few dozen image buffers of 0.5-36 MB. glibc serves blocks of that size with
/// fresh <c>mmap</c>s and returns them on free, so every buffer is faulted in page by page, again for every photo: a
/// <c>perf</c> profile of the engine benchmark spent ~8 % of its time in the kernel's page-fault and memory-cgroup
/// paths. Served from the heap instead, freed buffers are reused without faults; the engine benchmark's process
/// CPU per photo fell by 8-15 % (bench/README.md). The price is that the heap keeps up to
/// <see cref="TrimThreshold"/> of freed memory instead of returning it at once.</remarks>
public static partial class NativeHeap
{
    // glibc's mallopt parameters (malloc.h).
    private const int MTrimThreshold = -1;
    private const int MTopPad = -2;
    private const int MMmapThreshold = -3;

    /// <summary>Blocks up to this size come from the heap (larger ones, e.g. a 50 MP full-resolution decode, are
    /// still mapped and returned).</summary>
    public const int MmapThreshold = 64 * 1024 * 1024;

    /// <summary>Free memory at the top of the heap beyond this is returned to the system.</summary>
    public const int TrimThreshold = 256 * 1024 * 1024;

    private const int TopPad = 16 * 1024 * 1024;

    /// <summary>Applies the tuning on Linux with glibc; returns false where it does not apply (another OS, musl).</summary>
    public static bool KeepLargeBlocks()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return Mallopt(MMmapThreshold, MmapThreshold) == 1 && Mallopt(MTrimThreshold, TrimThreshold) == 1 && Mallopt(MTopPad, TopPad) == 1;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
