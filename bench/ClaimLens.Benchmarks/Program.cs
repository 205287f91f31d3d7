using BenchmarkDotNet.Running;

// Not typeof(Program): ClaimLens.Web (referenced for the repair benchmarks) has a public Program of its own.
BenchmarkSwitcher.FromAssembly(typeof(ClaimLens.Benchmarks.Repairs.CoverageBenchmarks).Assembly).Run(args);
