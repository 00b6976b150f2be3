using LoanPlatform.Users.Extensions;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.ServiceDefaults;
using LoanPlatform.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UsersExtensions = LoanPlatform.Users.Extensions.Extensions;

// The Users service as an isolated-worker Function app: the same library the local host runs, wired for Azure.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddServiceDefaults(UsersExtensions.ServiceName);
builder.AddPlatformAuthentication();
builder.AddUsersServices();
builder.UsePlatformFunctionsPipeline();
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
await builder.Build().RunAsync();
