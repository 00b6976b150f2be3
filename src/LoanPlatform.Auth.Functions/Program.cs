using LoanPlatform.Auth.Extensions;
using LoanPlatform.Functions.Hosting;
using Microsoft.Extensions.Hosting;
using AuthExtensions = LoanPlatform.Auth.Extensions.Extensions;

// The Auth service as an isolated-worker Function app: the same library the local host runs, wired for Azure.
var builder = PlatformFunctionsApplication.CreateBuilder(args, AuthExtensions.ServiceName);
builder.AddAuthServices();
await builder.Build().RunAsync();
