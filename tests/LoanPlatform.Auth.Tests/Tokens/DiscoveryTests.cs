using System.Net;
using LoanPlatform.Auth.Tests.Support;

namespace LoanPlatform.Auth.Tests.Tokens;

/// <summary>What validators read from the Auth service: public keys only, and an issuer that matches the tokens.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DiscoveryTests(AuthPlatformFixture fixture)
{
    private static readonly string[] PrivateKeyMembers = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];

    [Fact]
    public async Task The_JWKS_publishes_only_public_key_members_under_the_kid_that_signs_access_tokens()
    {
        using var client = fixture.Client();
        var customer = await fixture.Customer;
        var jwks = await client.SendOkAsync(HttpMethod.Get, "/auth/.well-known/jwks.json");

        var keys = jwks["keys"]!.AsArray().Select(key => key!.AsObject()).ToArray();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.DoesNotContain(key, member => PrivateKeyMembers.Contains(member.Key)));
        var kid = TokenForge.DecodeSegment(customer.Token.Split('.')[0])["kid"]!.GetValue<string>();
        var signing = Assert.Single(keys, key => key["kid"]!.GetValue<string>() == kid);
        Assert.Equal(("EC", "P-256", "ES256"), (signing["kty"]!.GetValue<string>(), signing["crv"]!.GetValue<string>(), signing["alg"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_discovery_issuer_is_the_issuer_of_access_tokens()
    {
        using var client = fixture.Client();
        var customer = await fixture.Customer;
        var discovery = await client.SendOkAsync(HttpMethod.Get, "/auth/.well-known/openid-configuration");

        Assert.Equal(discovery["issuer"]!.GetValue<string>(), AuthPlatformFixture.PayloadOf(customer.Token)["iss"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_signing_key_survives_a_restart_so_earlier_tokens_still_validate()
    {
        await using var running = await RunningPlatform.StartAsync();
        string token;
        using (var client = running.CreateClient())
        {
            token = await client.LoginStaffAsync("officer1@staff.local");
            await client.SendOkAsync(HttpMethod.Get, "/loans", token: token);
        }

        await running.StopAsync();
        await running.StartAgainAsync();

        using (var client = running.CreateClient())
        using (var response = await client.SendAsync(HttpMethod.Get, "/loans", token: token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
