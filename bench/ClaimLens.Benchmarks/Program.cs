using BenchmarkDotNet.Running;
using ClaimLens.Benchmarks;

// Modes that are not BenchmarkDotNet runs: the desk under load, and the engine's stage timings. The engine's hosts
// tune the C heap the same way (NativeHeap).
ClaimLens.Forensics.NativeHeap.KeepLargeBlocks();
if (args is ["desk-load", ..])
    return await ClaimLens.Benchmarks.Desk.DeskLoad.RunAsync(args[1..]);
if (args is ["day-plan", ..])
    return ClaimLens.Benchmarks.Repairs.DayPlanRun.Run(args[1..]);
if (args is ["analysis-extras", ..])
    return ClaimLens.Benchmarks.Desk.AnalysisExtras.Run(args[1..]);
if (args is ["review-page", ..])
    return await ClaimLens.Benchmarks.Desk.ReviewPageLoad.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "stages")
    EngineStages.Run(args.Length > 1 && int.TryParse(args[1], out var runs) ? runs : 9);
else if (args.Length > 0 && args[0] == "parts")
    DerivationParts.Run(args.Length > 1 && int.TryParse(args[1], out var runs) ? runs : 9);
else if (args.Length > 2 && args[0] == "match")
    DerivationParts.Describe(args[1], args[2..]);
else if (args.Length > 1 && args[0] == "write-inputs")
    BenchInputs.Write(args[1]);
else
    // Not typeof(Program): ClaimLens.Web (referenced for the repair benchmarks) has a public Program of its own.
    BenchmarkSwitcher.FromAssembly(typeof(ClaimLens.Benchmarks.Repairs.CoverageBenchmarks).Assembly).Run(args);
return 0;
