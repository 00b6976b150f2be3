using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LoanPlatform.Testing;

namespace LoanPlatform.Users.Tests.Functional;

public sealed class EligibilityTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public async Task KTP_and_selfie_verified_make_the_user_eligible_until_the_name_changes()
    {
        var (userId, client) = await host.NewCustomerAsync();
        using var service = await host.ServiceClientAsync();

        var before = await service.GetFromJsonAsync<JsonElement>($"/internal/users/{userId}/eligibility");
        Assert.False(before.GetProperty("ktpVerified").GetBoolean());
        Assert.Equal("1990-06-05", before.GetProperty("dateOfBirth").GetString());
        Assert.Equal(31, before.GetProperty("nikProvinceCode").GetInt32());

        foreach (var type in new[] { "ktp", "selfie" })
        {
            var content = SampleImages.Jpeg;
            var (documentId, upload) = await DocumentTests.RequestAsync(client, type, content);
            (await host.UploadAsync(upload, content)).EnsureSuccessStatusCode();
            (await client.PostAsync($"/users/me/documents/{documentId}/complete", null)).EnsureSuccessStatusCode();
        }

        var verified = await service.GetFromJsonAsync<JsonElement>($"/internal/users/{userId}/eligibility");
        Assert.True(verified.GetProperty("ktpVerified").GetBoolean());

        using var read = await client.GetAsync("/users/me");
        (await client.SendAsync(ProfileTests.Patch(read.Headers.ETag!.Tag, new { fullName = "Siti Rahayu Putri" }))).EnsureSuccessStatusCode();
        var renamed = await service.GetFromJsonAsync<JsonElement>($"/internal/users/{userId}/eligibility");
        Assert.False(renamed.GetProperty("ktpVerified").GetBoolean());
        Assert.Equal("needsReverification", (await client.GetFromJsonAsync<JsonElement>("/users/me")).GetProperty("ktpStatus").GetString());
    }

    [Fact]
    public async Task An_unknown_user_is_a_404()
    {
        using var service = await host.ServiceClientAsync();

        using var response = await service.GetAsync("/internal/users/nobody/eligibility");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Customers_cannot_call_the_internal_api()
    {
        var (userId, client) = await host.NewCustomerAsync();

        using var response = await client.GetAsync($"/internal/users/{userId}/eligibility");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
