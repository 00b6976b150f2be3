using LoanPlatform.BuildingBlocks.ServiceDefaults;
using LoanPlatform.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoanPlatform.Architecture.Tests;

/// <summary>The Function apps' probes answer from the same tagged checks as the local services.</summary>
public sealed class HealthProbeTests
{
    [Theory]
    [InlineData("Auth")]
    [InlineData("Users")]
    [InlineData("Loans")]
    [InlineData("Notifications")]
    public void Every_function_app_indexes_the_shared_health_functions(string service)
    {
        // The probes live once, in LoanPlatform.Functions.Hosting; the build must list them in each app's metadata.
        var functions = FunctionApps.Metadata(service)
            .ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["scriptFile"]!.GetValue<string>());

        Assert.Equal("LoanPlatform.Functions.Hosting.dll", functions["HealthLive"]);
        Assert.Equal("LoanPlatform.Functions.Hosting.dll", functions["HealthReady"]);
    }

    [Fact]
    public async Task Readiness_fails_when_a_dependency_is_down_while_liveness_still_passes()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"])
            .AddCheck("store", () => HealthCheckResult.Unhealthy("down"), [ServiceDefaultsExtensions.ReadyTag]);
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        Assert.Equal(StatusCodes.Status200OK, await StatusOf(await HealthProbe.LiveAsync(health, CancellationToken.None)));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, await StatusOf(await HealthProbe.ReadyAsync(health, CancellationToken.None)));
    }

    private static async Task<int> StatusOf(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }
}
