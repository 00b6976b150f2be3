using LoanPlatform.BuildingBlocks.ServiceDefaults;
using LoanPlatform.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace LoanPlatform.Auth.Tests.Gateway;

/// <summary>
/// The real gateway composition (AddPlatformGateway, the same pipeline as the local host) in front of a backend that
/// answers with the request headers it received, so what the gateway forwards can be seen.
/// </summary>
public sealed class EchoBackedGateway : IAsyncDisposable
{
    private readonly WebApplication _backend;
    private readonly WebApplication _gateway;
    private readonly string _folder;

    private EchoBackedGateway(WebApplication backend, WebApplication gateway, string folder)
    {
        _backend = backend;
        _gateway = gateway;
        _folder = folder;
    }

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(_gateway.Urls.First()) };

    /// <summary>The browser origin the gateway under test lets in.</summary>
    public const string AllowedOrigin = "http://localhost:5173";

    public static async Task<EchoBackedGateway> StartAsync()
    {
        var backendBuilder = WebApplication.CreateSlimBuilder();
        backendBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        var backend = backendBuilder.Build();
        backend.MapFallback((HttpRequest request) => Results.Json(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        await backend.StartAsync();
        var backendUrl = backend.Urls.First();

        var folder = Path.Combine(Path.GetTempPath(), "loanplatform-gateway-" + Guid.NewGuid().ToString("N"));
        var gatewayBuilder = WebApplication.CreateBuilder();
        gatewayBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Only anonymous routes are used, so no token is ever validated against this unreachable metadata.
            ["Jwt:Issuer"] = "http://127.0.0.1:1/auth",
            ["Jwt:MetadataAddress"] = "http://127.0.0.1:1/auth/.well-known/openid-configuration",
            ["ServiceIdentity:KeyFolder"] = folder,
            ["ServiceIdentity:ServiceName"] = "gateway",
            [$"{GatewayOptions.SectionName}:Services:{GatewayRoutes.Auth}"] = backendUrl,
            [$"{GatewayOptions.SectionName}:Services:{GatewayRoutes.Users}"] = backendUrl,
            [$"{GatewayOptions.SectionName}:Services:{GatewayRoutes.Loans}"] = backendUrl,
            [$"{GatewayOptions.SectionName}:AllowedOrigins:0"] = AllowedOrigin,
        });
        gatewayBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        gatewayBuilder.AddServiceDefaults("gateway");
        gatewayBuilder.AddPlatformGateway();
        var gateway = gatewayBuilder.Build();
        gateway.UseGatewayCors();
        gateway.UsePlatformDefaults();
        gateway.MapPlatformGateway();
        await gateway.StartAsync();
        return new EchoBackedGateway(backend, gateway, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
