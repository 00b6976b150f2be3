using System.Net;
using LoanPlatform.Auth.Tests.Support;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.Gateway;

namespace LoanPlatform.Auth.Tests.Gateway;

/// <summary>The gateway routes only the public API, and internal endpoints refuse people even when called directly.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(AuthPlatformFixture fixture)
{
    public static TheoryData<string, string> InternalEndpoints() => new()
    {
        { "POST", "/internal/auth/credentials" },
        { "DELETE", "/internal/auth/credentials/someone?email=a@example.com" },
        { "GET", "/internal/users/x/eligibility" },
        { "POST", "/internal/audit/changes" },
        { "DELETE", "/internal/users/x/devices/y" },
    };

    [Theory]
    [MemberData(nameof(InternalEndpoints))]
    public async Task Internal_endpoints_are_not_routed_by_the_gateway(string method, string path)
    {
        var customer = await fixture.Customer;
        using var client = fixture.Client();
        using var anonymous = await client.SendAsync(new HttpMethod(method), path, method == "POST" ? new { } : null);
        using var signedIn = await client.SendAsync(new HttpMethod(method), path, method == "POST" ? new { } : null, customer.Token);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
    }

    [Theory]
    [InlineData(GatewayRoutes.Auth, "POST", "/internal/auth/credentials")]
    [InlineData(GatewayRoutes.Users, "GET", "/internal/users/x/eligibility")]
    [InlineData(GatewayRoutes.Loans, "POST", "/internal/audit/changes")]
    [InlineData(GatewayRoutes.Users, "DELETE", "/internal/users/x/devices/0123456789abcdef0123456789abcdef")]
    public async Task A_customer_token_is_refused_by_an_internal_endpoint_called_directly_on_its_service(string service, string method, string path)
    {
        var customer = await fixture.Customer;
        using var client = await fixture.ServiceClientAsync(service);
        var body = method == "POST" ? new { userId = "attacker", email = "attacker@example.com", password = "attacker-password-1", roles = new[] { "Admin" } } : null;
        using var response = await client.SendAsync(new HttpMethod(method), path.Replace("/x/", $"/{customer.UserId}/", StringComparison.Ordinal), body, customer.Token);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
    }

    [Fact]
    public async Task A_safe_client_correlation_id_is_echoed()
    {
        using var client = fixture.Client();
        using var response = await client.SendAsync(HttpMethod.Get, "/auth/.well-known/jwks.json", headers: new Dictionary<string, string> { [CorrelationId.HeaderName] = "mobile-app.42_retry-1" });

        Assert.Equal("mobile-app.42_retry-1", Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName)));
    }

    public static TheoryData<string> UnsafeCorrelationIds() => [new string('a', 200), "<script>alert(1)</script>", "two words"];

    [Theory]
    [MemberData(nameof(UnsafeCorrelationIds))]
    public async Task An_unsafe_client_correlation_id_is_replaced_even_on_an_error_response(string sent)
    {
        using var client = fixture.Client();
        using var response = await client.SendAsync(HttpMethod.Get, "/loans", headers: new Dictionary<string, string> { [CorrelationId.HeaderName] = sent });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var echoed = Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName));
        Assert.NotEqual(sent, echoed);
        Assert.True(CorrelationId.IsAcceptable(echoed), echoed);
    }

    [Theory]
    [InlineData("abc\r\nSet-Cookie: x=1")]
    [InlineData("abc\ndef")]
    public void A_correlation_id_with_line_breaks_is_never_accepted(string incoming) =>
        // HttpClient and Kestrel both refuse line breaks in headers, so this rule is checked where it is defined.
        Assert.False(CorrelationId.IsAcceptable(incoming));

    [Fact]
    public async Task An_unknown_route_is_a_404()
    {
        using var client = fixture.Client();
        using var response = await client.SendAsync(HttpMethod.Get, "/no-such-thing");
        await PlatformClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }
}
