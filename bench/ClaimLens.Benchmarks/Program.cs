using BenchmarkDotNet.Running;
using ClaimLens.Benchmarks;

if (args.Length > 0 && args[0] == "stages")
    EngineStages.Run(args.Length > 1 && int.TryParse(args[1], out var runs) ? runs : 9);
else if (args.Length > 0 && args[0] == "parts")
    DerivationParts.Run(args.Length > 1 && int.TryParse(args[1], out var runs) ? runs : 9);
else if (args.Length > 2 && args[0] == "match")
    DerivationParts.Describe(args[1], args[2..]);
else if (args.Length > 1 && args[0] == "write-inputs")
    BenchInputs.Write(args[1]);
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
