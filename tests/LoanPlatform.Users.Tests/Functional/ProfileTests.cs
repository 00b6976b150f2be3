using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace LoanPlatform.Users.Tests.Functional;

public sealed class ProfileTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public async Task Me_answers_the_profile_with_an_ETag_and_a_masked_NIK()
    {
        var (userId, client) = await host.NewCustomerAsync();

        using var response = await client.GetAsync("/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var profile = await response.ReadJsonAsync();
        Assert.Equal(userId, profile.GetProperty("userId").GetString());
        Assert.Matches(@"^\d{4}\*{8}\d{4}$", profile.GetProperty("nikMasked").GetString());
        Assert.StartsWith("+62812", profile.GetProperty("phone").GetString());
        Assert.Equal("id", profile.GetProperty("language").GetString());
    }

    [Fact]
    public async Task Me_needs_a_valid_token()
    {
        using var anonymous = await host.Anonymous.GetAsync("/users/me");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // Signed by a key the issuer never published: refused, not trusted.
        using var forged = new HttpClient { BaseAddress = host.Anonymous.BaseAddress };
        var otherKey = new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)) { KeyId = "test-signing-key" };
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.ForCustomer(otherKey, "someone"));
        using var response = await forged.GetAsync("/users/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Patch_requires_If_Match_refuses_a_stale_one_and_returns_the_new_ETag()
    {
        var (_, client) = await host.NewCustomerAsync();
        using var read = await client.GetAsync("/users/me");
        var etag = read.Headers.ETag!;

        using var withoutIfMatch = await client.PatchAsJsonAsync("/users/me", new { language = "en" });
        await withoutIfMatch.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");

        using var updated = await client.SendAsync(Patch(etag.Tag, new { fullName = "Siti Rahayu Putri", language = "en" }));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(etag, updated.Headers.ETag);
        var profile = await updated.ReadJsonAsync();
        Assert.Equal("Siti Rahayu Putri", profile.GetProperty("fullName").GetString());
        Assert.Equal("en", profile.GetProperty("language").GetString());

        using var stale = await client.SendAsync(Patch(etag.Tag, new { language = "id" }));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "stale-etag");
    }

    [Fact]
    public async Task Changing_phone_reserves_the_new_number_and_frees_the_old_one()
    {
        var (_, client) = await host.NewCustomerAsync();
        using var read = await client.GetAsync("/users/me");
        var oldPhone = (await read.ReadJsonAsync()).GetProperty("phone").GetString();
        var takenPhone = UsersHost.NewRegistration();
        (await host.RegisterAsync(takenPhone)).EnsureSuccessStatusCode();

        using var conflict = await client.SendAsync(Patch(read.Headers.ETag!.Tag, new { phone = takenPhone["phone"] }));
        await conflict.AssertProblemAsync(HttpStatusCode.Conflict, "phone-taken");

        var newPhone = UsersHost.NewRegistration()["phone"];
        using var changed = await client.SendAsync(Patch(read.Headers.ETag!.Tag, new { phone = newPhone }));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var reuseOld = UsersHost.NewRegistration();
        reuseOld["phone"] = oldPhone;
        using var reused = await host.RegisterAsync(reuseOld);
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);

        var reuseNew = UsersHost.NewRegistration();
        reuseNew["phone"] = newPhone;
        // The new number is taken: no code was sent, so the registration cannot be verified.
        using var refused = await host.RegisterAsync(reuseNew);
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-verification-code");
    }

    [Fact]
    public async Task Invalid_patch_fields_are_a_400()
    {
        var (_, client) = await host.NewCustomerAsync();
        using var read = await client.GetAsync("/users/me");

        using var response = await client.SendAsync(Patch(read.Headers.ETag!.Tag, new { fullName = "", phone = "12345", language = "fr" }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(3, problem.GetProperty("errors").EnumerateObject().Count());
    }

    internal static HttpRequestMessage Patch(string ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "/users/me") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}
