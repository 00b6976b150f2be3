using LoanPlatform.Console;
using LoanPlatform.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace LoanPlatform.LocalHost.Services;

/// <summary>
/// The officer console on a private loopback port, served to browsers by the gateway under /console/. It is a client
/// like any other: it reaches the platform only through the gateway's public routes, with the officer's own token.
/// </summary>
public static class OfficerConsoleApplication
{
    public static WebApplication Build(LocalPlatformSettings settings) => Build(
        settings.Configuration,
        new Dictionary<string, string?>
        {
            [$"{ConsoleOptions.SectionName}:{nameof(ConsoleOptions.ApiBaseUrl)}"] = settings.GatewayUrl,
            [$"{ConsoleOptions.SectionName}:{nameof(ConsoleOptions.PathBase)}"] = GatewayRoutes.ConsolePath,
            [$"{ConsoleOptions.SectionName}:{nameof(ConsoleOptions.SignIn)}"] = nameof(StaffSignIn.Local),
        },
        builder => builder.WebHost.UseUrls("http://127.0.0.1:0"));

    /// <summary>
    /// The console app over <paramref name="configuration"/> with <paramref name="consoleSettings"/> on top, served from
    /// this build's files; <paramref name="host"/> sets where it listens (and anything else the host needs).
    /// </summary>
    public static WebApplication Build(IConfiguration configuration, IDictionary<string, string?> consoleSettings, Action<WebApplicationBuilder> host)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Its own name, so its static web assets manifest (Blazor's scripts, Fluent UI's files) is the one loaded.
            ApplicationName = typeof(ConsoleHosting).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(consoleSettings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Files come from the build's manifest, which by default is served uncached in case a file changes during a
            // build; here a rebuild restarts the host and fingerprinted names change with content, so they may be cached.
            ["EnableStaticAssetsDevelopmentCaching"] = "true",
        });
        host(builder);
        // Run from the build output (dotnet run), the console's files are where the build manifest says (its wwwroot,
        // Blazor's and Fluent UI's packages); a published host has them under wwwroot instead.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.AddOfficerConsole();
        var app = builder.Build();
        app.UseOfficerConsole();
        return app;
    }
}
