using ClaimLens.Cli.Commands;

ClaimLens.Forensics.NativeHeap.KeepLargeBlocks();
return ClaimLensCommand.Create().Parse(args).Invoke();
