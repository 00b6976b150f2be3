using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/LoanPlatform.Benchmarks -- --filter '*Login*' '*Token*' '*DocumentStore*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
