using LoanPlatform.LocalHost;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Architecture.Tests;

/// <summary>
/// The local platform started once, as its Program starts it (any free port, a throw-away data folder), so the tests
/// see exactly the endpoints the local host maps.
/// </summary>
public sealed class LocalPlatformFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "loanplatform-arch-" + Guid.NewGuid().ToString("N"));
    private LocalPlatform? _platform;

    public IReadOnlyList<(IServiceProvider Services, RouteEndpoint Endpoint)> Endpoints { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _platform = await LocalPlatform.StartAsync(LocalPlatformSettings.FromArgs([], new Dictionary<string, string?>
        {
            ["Data:Path"] = _dataPath,
            ["Gateway:Url"] = "http://127.0.0.1:0",
            ["LOCAL_STAFF_PASSWORD"] = "Arch-tests-only-1",
        }));
        Endpoints = _platform.ServiceProviders.Values
            .SelectMany(services => services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => (services, e)))
            .ToArray();
    }

    public async Task DisposeAsync()
    {
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        Directory.Delete(_dataPath, recursive: true);
    }

    /// <summary>Every endpoint that has a Function counterpart: not health, OpenAPI or the local-only file store.</summary>
    public IEnumerable<(IServiceProvider Services, RouteEndpoint Endpoint, Operation Operation)> ServiceOperations() =>
        from e in Endpoints
        let route = Operation.NormalizeRoute(e.Endpoint.RoutePattern.RawText ?? "")
        where !IsLocalOnly(route)
        from method in e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []
        select (e.Services, e.Endpoint, new Operation(method, route));

    private static bool IsLocalOnly(string route) =>
        route.StartsWith("/health/", StringComparison.Ordinal)
        || route.StartsWith("/openapi/", StringComparison.Ordinal)
        || route.StartsWith(Users.Objects.Local.LocalDocumentObjectStore.RoutePrefix + "/", StringComparison.Ordinal);
}
