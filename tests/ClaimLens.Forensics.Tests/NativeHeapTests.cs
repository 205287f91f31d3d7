namespace ClaimLens.Forensics.Tests;

public sealed class NativeHeapTests
{
    [Fact]
    public void KeepLargeBlocks_OnLinux_IsAppliedAndRepeatable()
    {
        // mallopt answers 1 for each parameter it accepts; a wrong entry point or parameter would answer false.
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.KeepLargeBlocks());
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.KeepLargeBlocks());
    }
}
