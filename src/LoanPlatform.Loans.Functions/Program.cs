using LoanPlatform.Loans.Extensions;
using LoanPlatform.Functions.Hosting;
using Microsoft.Extensions.Hosting;
using LoansExtensions = LoanPlatform.Loans.Extensions.Extensions;

// The Loans service as an isolated-worker Function app: the same library the local host runs, wired for Azure;
// Durable Functions (Azure Storage backend) runs the approval orchestration and keeps every instance that started, so
// only loans whose submission died before starting one need a start (StartUnstartedLoansFunction).
var builder = PlatformFunctionsApplication.CreateBuilder(args, LoansExtensions.ServiceName);
builder.AddLoansServices();
await builder.Build().RunAsync();
