using BenchmarkDotNet.Running;

// Not typeof(Program): ClaimLens.Web (referenced for the repair benchmarks) has a public Program of its own.
if (args is ["desk-load", ..])
    return await ClaimLens.Benchmarks.Desk.DeskLoad.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(ClaimLens.Benchmarks.Repairs.CoverageBenchmarks).Assembly).Run(args);
return 0;
