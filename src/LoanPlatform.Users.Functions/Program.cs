using LoanPlatform.Users.Extensions;
using LoanPlatform.Functions.Hosting;
using Microsoft.Extensions.Hosting;
using UsersExtensions = LoanPlatform.Users.Extensions.Extensions;

// The Users service as an isolated-worker Function app: the same library the local host runs, wired for Azure.
var builder = PlatformFunctionsApplication.CreateBuilder(args, UsersExtensions.ServiceName);
builder.AddUsersServices();
await builder.Build().RunAsync();
