using System.Text.Json.Nodes;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.Gateway;

namespace LoanPlatform.Auth.Tests.Gateway;

/// <summary>What reaches a service through the gateway: never a client's claim of identity, always a correlation id.</summary>
public sealed class ForwardedHeaderTests : IAsyncLifetime
{
    private EchoBackedGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await EchoBackedGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Identity_headers_sent_by_a_client_are_stripped_before_the_service_sees_the_request()
    {
        using var http = _gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/anything");
        foreach (var header in GatewayExtensions.ForgeableIdentityHeaders)
        {
            request.Headers.TryAddWithoutValidation(header, "admin");
        }

        request.Headers.Add("X-Probe", "kept");
        request.Headers.Add(CorrelationId.HeaderName, "probe-correlation-1");
        using var response = await http.SendAsync(request);
        var received = JsonNode.Parse(await response.Content.ReadAsStringAsync(), new JsonNodeOptions { PropertyNameCaseInsensitive = true })!.AsObject();

        // The control header shows the echo works; the forgeable ones are gone, whatever their case.
        Assert.Equal("kept", received["X-Probe"]?.GetValue<string>());
        Assert.Empty(received.Select(h => h.Key).Intersect(GatewayExtensions.ForgeableIdentityHeaders, StringComparer.OrdinalIgnoreCase));
        Assert.Equal("probe-correlation-1", received[CorrelationId.HeaderName]?.GetValue<string>());
        Assert.Equal("probe-correlation-1", Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName)));
    }
}
