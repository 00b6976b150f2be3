using System.Net;

namespace LoanPlatform.Auth.Tests.Gateway;

/// <summary>A browser app on an allowed origin can call the API through the local gateway, as through API Management; others cannot.</summary>
public sealed class GatewayCorsTests : IAsyncLifetime
{
    private EchoBackedGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await EchoBackedGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_without_a_token()
    {
        using var client = _gateway.CreateClient();
        using var preflight = Preflight(EchoBackedGateway.AllowedOrigin, "PUT", "authorization,if-match,content-type");

        using var response = await client.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {response.StatusCode}");
        Assert.Equal(EchoBackedGateway.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PUT", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("If-Match", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_response_to_an_allowed_origin_exposes_the_etag_and_location()
    {
        using var client = _gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/.well-known/jwks.json");
        request.Headers.Add("Origin", EchoBackedGateway.AllowedOrigin);

        using var response = await client.SendAsync(request);

        Assert.Equal(EchoBackedGateway.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.Contains("ETag", exposed, StringComparison.Ordinal);
        Assert.Contains("Location", exposed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_origin_gets_no_cors_permission()
    {
        using var client = _gateway.CreateClient();
        using var preflight = Preflight("https://evil.example", "POST", "authorization");

        using var response = await client.SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    private static HttpRequestMessage Preflight(string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/users/me/notification-preferences");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }
}
