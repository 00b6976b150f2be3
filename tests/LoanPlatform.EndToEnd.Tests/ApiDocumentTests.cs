using System.Text.Json.Nodes;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>The API reference is reachable through the gateway, with one OpenAPI document per service.</summary>
public sealed class ApiDocumentTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Theory]
    [InlineData("auth", "/auth/login")]
    [InlineData("users", "/users/me")]
    [InlineData("users", "/users/kyc-reviews")]
    [InlineData("users", "/users/{userId}/kyc/decisions")]
    [InlineData("users", "/users/staff/{staffId}/person")]
    [InlineData("loans", "/loans/{loanId}/decisions")]
    public async Task Each_service_publishes_its_OpenAPI_document_through_the_gateway(string service, string expectedPath)
    {
        using var client = fixture.Running.CreateClient();

        var document = await client.SendOkAsync(HttpMethod.Get, $"/openapi/{service}.json");

        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(document["paths"]![expectedPath]);
        Assert.DoesNotContain(document["paths"]!.AsObject(), path => path.Key.StartsWith("/internal", StringComparison.Ordinal));
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_API_reference_page_lists_every_service_document_at_an_address_the_gateway_serves()
    {
        using var client = fixture.Running.CreateClient();

        var page = await client.Http.GetStringAsync(new Uri("/docs/", UriKind.Relative));

        foreach (var service in new[] { "auth", "users", "loans" })
        {
            var address = $"{fixture.Running.GatewayUrl}/openapi/{service}.json";
            Assert.Contains($"\"url\":\"{address}\"", page, StringComparison.Ordinal);
            Assert.NotNull(JsonNode.Parse(await client.Http.GetStringAsync(new Uri(address))));
        }
    }
}
