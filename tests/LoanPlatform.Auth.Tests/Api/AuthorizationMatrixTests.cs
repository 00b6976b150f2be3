using System.Net;
using LoanPlatform.Auth.Tests.Support;

namespace LoanPlatform.Auth.Tests.Api;

/// <summary>Who may call what (docs/api.md), checked through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AuthorizationMatrixTests(AuthPlatformFixture fixture)
{
    public static TheoryData<string, string> ProtectedEndpoints() => new()
    {
        { "POST", "/auth/password" },
        { "GET", "/users/me" },
        { "PATCH", "/users/me" },
        { "POST", "/users/me/documents" },
        { "GET", "/users/me/documents" },
        { "GET", "/users/me/documents/some-document" },
        { "POST", "/users/me/documents/some-document/complete" },
        { "GET", "/users/kyc-reviews" },
        { "GET", "/users/some-user/kyc" },
        { "POST", "/users/some-user/kyc/decisions" },
        { "GET", "/users/staff/some-staff/person" },
        { "PUT", "/users/staff/some-staff/person" },
        { "POST", "/loans" },
        { "GET", "/loans" },
        { "GET", "/loans/some-loan" },
        { "GET", "/loans/some-loan/history" },
        { "GET", "/loans/some-loan/schedule" },
        { "POST", "/loans/some-loan/decisions" },
        { "POST", "/loans/some-loan/cancel" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task An_anonymous_call_to_a_protected_endpoint_is_a_401_problem_at_the_gateway(string method, string path)
    {
        using var client = fixture.Client();
        using var response = await client.SendAsync(new HttpMethod(method), path, method is "GET" ? null : new { });
        await PlatformClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/auth/.well-known/openid-configuration")]
    [InlineData("/auth/.well-known/jwks.json")]
    public async Task Discovery_is_public(string path)
    {
        using var client = fixture.Client();
        await client.SendOkAsync(HttpMethod.Get, path);
    }

    [Fact]
    public async Task A_customer_may_not_decide_a_loan()
    {
        var customer = await fixture.Customer;
        using var client = fixture.Client();
        using var response = await client.SendAsync(HttpMethod.Post, "/loans/some-loan/decisions", new { decision = "approve", reason = "self-service" }, customer.Token);
        await PlatformClient.ReadProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_an_admin_links_staff_to_people()
    {
        var customer = await fixture.Customer;
        using var client = fixture.Client();
        foreach (var token in new[] { customer.Token, await fixture.OfficerToken })
        {
            using var response = await client.SendAsync(HttpMethod.Put, "/users/staff/some-staff/person", new { nik = "3273011203859002", email = "x@bank.example", phone = "081190000002" }, token);
            await PlatformClient.ReadProblemAsync(response, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Staff_may_not_apply_for_a_loan()
    {
        using var client = fixture.Client();
        using var response = await client.ApplyAsync(await fixture.OfficerToken, 5_000_000);
        await PlatformClient.ReadProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_customers_loan_answers_404_as_if_it_did_not_exist()
    {
        using var client = fixture.Client();
        var owner = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(owner.Token, 3_000_000);
        var other = await fixture.Customer;

        foreach (var (method, path) in new[] { ("GET", $"/loans/{loanId}"), ("GET", $"/loans/{loanId}/history"), ("GET", $"/loans/{loanId}/schedule"), ("POST", $"/loans/{loanId}/cancel") })
        {
            using var response = await client.SendAsync(new HttpMethod(method), path, method == "POST" ? new { reason = "not mine" } : null, other.Token);
            await PlatformClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
        }

        await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", token: owner.Token);
    }
}
