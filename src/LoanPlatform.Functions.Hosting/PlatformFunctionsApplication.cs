using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.ServiceDefaults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Functions.Hosting;

/// <summary>What every LoanPlatform Function app shares; each Program.cs adds only its own service.</summary>
public static class PlatformFunctionsApplication
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args, string serviceName)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        // Fail closed: a Function app serves public requests only with API Management's proof unless told otherwise.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new($"{GatewayProof.SectionName}:Required", "true")],
        });
        builder.ConfigureFunctionsWebApplication();
        builder.AddServiceDefaults(serviceName);
        builder.AddPlatformAuthentication();
        builder.UsePlatformFunctionsPipeline();
        builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
        return builder;
    }
}
