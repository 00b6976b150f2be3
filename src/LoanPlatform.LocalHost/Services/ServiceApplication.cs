using LoanPlatform.BuildingBlocks.OpenApi;
using LoanPlatform.BuildingBlocks.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.TestHost;

namespace LoanPlatform.LocalHost.Services;

/// <summary>
/// Builds one service of the local platform as its own ASP.NET Core application on a private loopback port, with its
/// own configuration, container and database file, the way each runs as its own Function app in Azure.
/// </summary>
public static class ServiceApplication
{
    public static WebApplicationBuilder CreateBuilder(
        string serviceName, LocalPlatformSettings settings, IDictionary<string, string?> serviceConfiguration, InProcessServices inProcessServices)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ServiceApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(settings.Configuration);
        builder.Configuration.AddInMemoryCollection(serviceConfiguration);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // In every environment, not only Development: a scoped service captured by a singleton fails at start, not in use.
        builder.Host.UseDefaultServiceProvider(provider =>
        {
            provider.ValidateScopes = true;
            provider.ValidateOnBuild = true;
        });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddInProcessServer(inProcessServices);
        builder.AddServiceDefaults(serviceName);
        builder.Services.AddPlatformOpenApi(serviceName);
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // Only the local gateway (loopback) may tell a service the public host and scheme.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto;
        });
        return builder;
    }

    /// <summary>
    /// Serves the application over the network and in memory (<see cref="InProcessServer"/>), and sends this service's
    /// own HTTP calls to the services already started through their in-memory doors.
    /// </summary>
    private static void AddInProcessServer(this IServiceCollection services, InProcessServices inProcessServices)
    {
        var network = services.Last(service => service.ServiceType == typeof(IServer));
        services.Remove(network);
        services.AddSingleton(provider => new InProcessServer(
            (IServer)ActivatorUtilities.CreateInstance(provider, network.ImplementationType!), new TestServer(provider)));
        services.AddSingleton<IServer>(provider => provider.GetRequiredService<InProcessServer>());
        // A client that names its own primary handler (one that only calls out of the process) keeps it.
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(
            () => new InProcessRoutingHandler(inProcessServices) { InnerHandler = new SocketsHttpHandler() }));
    }

    public static WebApplication UseServicePipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UsePlatformDefaults();
        app.MapDefaultEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
