using LoanPlatform.BuildingBlocks.OpenApi;
using LoanPlatform.BuildingBlocks.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace LoanPlatform.LocalHost.Services;

/// <summary>
/// Builds one service of the local platform as its own ASP.NET Core application on a private loopback port, with its
/// own configuration, container and database file, the way each runs as its own Function app in Azure.
/// </summary>
public static class ServiceApplication
{
    public static WebApplicationBuilder CreateBuilder(string serviceName, LocalPlatformSettings settings, IDictionary<string, string?> serviceConfiguration)
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
        builder.AddServiceDefaults(serviceName);
        builder.Services.AddPlatformOpenApi(serviceName);
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // Only the local gateway (loopback) may tell a service the public host and scheme.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto;
        });
        return builder;
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
