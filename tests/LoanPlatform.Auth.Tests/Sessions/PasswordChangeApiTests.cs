using System.Net;
using LoanPlatform.Auth.Tests.Support;

namespace LoanPlatform.Auth.Tests.Sessions;

/// <summary>POST /auth/password through the gateway: authenticated, and it ends the sessions the account had.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PasswordChangeApiTests(AuthPlatformFixture fixture)
{
    [Fact]
    public async Task Changing_the_password_ends_existing_sessions_and_the_new_password_signs_in()
    {
        using var client = fixture.Client();
        var customer = await client.RegisterAsync();
        var session = await client.SendOkAsync(HttpMethod.Post, "/auth/login", new { email = customer.Email, password = customer.Password });
        const string newPassword = "a-brand-new-passphrase";

        using (var changed = await client.SendAsync(HttpMethod.Post, "/auth/password", new { currentPassword = customer.Password, newPassword }, customer.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }

        using var refresh = await client.SendAsync(HttpMethod.Post, "/auth/refresh", new { refreshToken = session["refreshToken"]!.GetValue<string>() });
        Assert.Equal("invalid-refresh-token", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(refresh, HttpStatusCode.Unauthorized)));
        await client.LoginAsync(customer.Email, newPassword);
    }

    [Fact]
    public async Task A_weak_new_password_is_a_400_problem()
    {
        using var client = fixture.Client();
        var customer = await fixture.Customer;
        using var response = await client.SendAsync(HttpMethod.Post, "/auth/password", new { currentPassword = customer.Password, newPassword = "password1234" }, customer.Token);
        Assert.Equal("validation", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(response, HttpStatusCode.BadRequest)));
    }
}
