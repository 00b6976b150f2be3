using System.Net;
using LoanPlatform.Auth.Tests.Support;

namespace LoanPlatform.Auth.Tests.Sessions;

/// <summary>Refresh tokens rotate on every use, a reused one ends its whole family, and logout ends the session.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RefreshTokenTests(AuthPlatformFixture fixture)
{
    [Fact]
    public async Task A_refresh_token_works_once_and_its_replacement_works_in_turn()
    {
        using var client = fixture.Client();
        var first = await LoginAsync(client);

        var second = await RefreshOkAsync(client, first);
        Assert.NotEqual(first, second);
        await RefreshOkAsync(client, second);
        await AssertRefusedAsync(client, "/auth/refresh", second);
    }

    [Fact]
    public async Task Reusing_a_rotated_away_token_revokes_the_whole_family_including_the_newest_token()
    {
        using var client = fixture.Client();
        var first = await LoginAsync(client);
        var newest = await RefreshOkAsync(client, first);

        await AssertRefusedAsync(client, "/auth/refresh", first);
        await AssertRefusedAsync(client, "/auth/refresh", newest);
    }

    [Fact]
    public async Task Logout_revokes_the_session()
    {
        using var client = fixture.Client();
        var token = await LoginAsync(client);

        using (var logout = await client.SendAsync(HttpMethod.Post, "/auth/logout", new { refreshToken = token }))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        await AssertRefusedAsync(client, "/auth/refresh", token);
    }

    public static TheoryData<string, string> MalformedTokens()
    {
        string[] tokens =
        [
            "",
            "not-a-token",
            ".",
            "0123456789abcdef0123456789abcdef.",
            "0123456789ABCDEF0123456789ABCDEF.secret",
            "0123456789abcdef0123456789abcdef.secret",
            "0123456789abcdef0123456789abcdef." + new string('a', 500),
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.secret",
            "0123456789abcdef0123456789abcdef.sécret\u0000",
        ];
        var cases = new TheoryData<string, string>();
        foreach (var token in tokens)
        {
            cases.Add("/auth/refresh", token);
            cases.Add("/auth/logout", token);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public async Task A_malformed_or_unknown_refresh_token_is_a_401_problem(string path, string token)
    {
        using var client = fixture.Client();
        await AssertRefusedAsync(client, path, token);
    }

    private static async Task<string> LoginAsync(PlatformClient client)
    {
        var customer = await client.RegisterAsync();
        var tokens = await client.SendOkAsync(HttpMethod.Post, "/auth/login", new { email = customer.Email, password = customer.Password });
        return tokens["refreshToken"]!.GetValue<string>();
    }

    private static async Task<string> RefreshOkAsync(PlatformClient client, string refreshToken)
    {
        var tokens = await client.SendOkAsync(HttpMethod.Post, "/auth/refresh", new { refreshToken });
        Assert.False(string.IsNullOrEmpty(tokens["accessToken"]?.GetValue<string>()));
        return tokens["refreshToken"]!.GetValue<string>();
    }

    private static async Task AssertRefusedAsync(PlatformClient client, string path, string refreshToken)
    {
        using var response = await client.SendAsync(HttpMethod.Post, path, new { refreshToken });
        Assert.Equal("invalid-refresh-token", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized)));
    }
}
