using LoanPlatform.Loans.Extensions;
using LoanPlatform.Functions.Hosting;
using Microsoft.Extensions.Hosting;
using LoansExtensions = LoanPlatform.Loans.Extensions.Extensions;

// The Loans service as an isolated-worker Function app: the same library the local host runs, wired for Azure;
// Durable Functions (Azure Storage backend) runs the approval orchestration, so no re-hydration is needed here.
var builder = PlatformFunctionsApplication.CreateBuilder(args, LoansExtensions.ServiceName);
builder.AddLoansServices();
await builder.Build().RunAsync();
