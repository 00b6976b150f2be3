using LoanPlatform.Loans.Extensions;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.ServiceDefaults;
using LoanPlatform.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using LoansExtensions = LoanPlatform.Loans.Extensions.Extensions;

// The Loans service as an isolated-worker Function app: the same library the local host runs, wired for Azure;
// Durable Functions (Azure Storage backend) runs the approval orchestration, so no re-hydration is needed here.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddServiceDefaults(LoansExtensions.ServiceName);
builder.AddPlatformAuthentication();
builder.AddLoansServices();
builder.UsePlatformFunctionsPipeline();
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
await builder.Build().RunAsync();
