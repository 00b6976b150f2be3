using System.Net;
using LoanPlatform.Gateway;

namespace LoanPlatform.Console.Tests;

/// <summary>The gateway serves the console at /console/: its pages, its files (cached) and nothing else of the platform.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleServingTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_gateway_answers_the_console_and_its_fingerprinted_files_are_cached_for_good()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.Running.GatewayUrl) };

        using var root = await http.GetAsync("/console/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Contains("/console/login", root.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var withoutSlash = await http.GetAsync("/console");
        Assert.Equal("/console/", withoutSlash.Headers.Location!.OriginalString);

        var login = await http.GetStringAsync("/console/login");
        Assert.Contains("<base href=\"/console/\"", login, StringComparison.Ordinal);
        var script = System.Text.RegularExpressions.Regex.Match(login, "_framework/blazor\\.web\\.[a-z0-9]+\\.js").Value;
        Assert.NotEmpty(script);

        using var asset = await http.GetAsync("/console/" + script);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("immutable", asset.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(asset.Headers.CacheControl.MaxAge >= TimeSpan.FromDays(30));
    }

    [Fact]
    public void The_console_adds_gateway_routes_that_reach_the_console_alone()
    {
        var routes = GatewayExtensions.BuildConsoleRoutes(new GatewayOptions { Services = { [GatewayRoutes.Console] = "http://127.0.0.1:1" } });

        Assert.Equal(2, routes.Count);
        Assert.All(routes, route =>
        {
            Assert.Equal(GatewayRoutes.Console, route.ClusterId);
            Assert.StartsWith(GatewayRoutes.ConsolePath, route.Match.Path, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(GatewayRoutes.All, route => route.Service == GatewayRoutes.Console);
        // A host without a console (the gateway in any other setting) gets no such route.
        Assert.Empty(GatewayExtensions.BuildConsoleRoutes(new GatewayOptions()));
    }
}
