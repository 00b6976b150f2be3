using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LoanPlatform.Users.Tests.Functional;

public sealed class EligibilityTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public async Task The_eligibility_carries_the_KYC_status_birth_date_and_province_and_uploads_alone_do_not_verify()
    {
        var (userId, client) = await host.NewCustomerAsync();
        using var service = await host.ServiceClientAsync();

        var before = await service.GetFromJsonAsync<JsonElement>($"/internal/users/{userId}/eligibility");
        Assert.Equal("notStarted", before.GetProperty("kyc").GetProperty("status").GetString());
        Assert.Equal("1990-06-05", before.GetProperty("dateOfBirth").GetString());
        Assert.Equal(31, before.GetProperty("nikProvinceCode").GetInt32());

        await KycTests.SubmitForReviewAsync(client, host);

        var submitted = await service.GetFromJsonAsync<JsonElement>($"/internal/users/{userId}/eligibility");
        Assert.Equal("pendingReview", submitted.GetProperty("kyc").GetProperty("status").GetString());
        Assert.False(submitted.GetProperty("kyc").TryGetProperty("verifiedBy", out _));
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
