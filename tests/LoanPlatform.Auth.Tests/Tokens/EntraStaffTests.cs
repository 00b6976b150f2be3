using System.Net;
using LoanPlatform.Testing.Entra;
using LoanPlatform.Auth.Tests.Support;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Gateway;
using Microsoft.Extensions.Configuration;

namespace LoanPlatform.Auth.Tests.Tokens;

/// <summary>
/// Staff tokens from Entra ID (a local fake issuer) through the real gateway and services, next to customer tokens:
/// each issuer is accepted only with its own audience.
/// </summary>
public sealed class EntraStaffTests : IAsyncLifetime
{
    private FakeEntraIssuer _entra = null!;
    private RunningPlatform _running = null!;
    private TokenForge _forge = null!;

    public async Task InitializeAsync()
    {
        _entra = await FakeEntraIssuer.StartAsync();
        _running = await RunningPlatform.StartAsync(_entra.Settings);
        var jwt = _running.Platform.Settings.Configuration.GetSection(JwtOptions.SectionName).Get<JwtOptions>() ?? new JwtOptions();
        _forge = new TokenForge(_running.DataPath, _running.GatewayUrl + "/auth", jwt.Audience);
    }

    public async Task DisposeAsync()
    {
        await _running.DisposeAsync();
        await _entra.DisposeAsync();
    }

    [Fact]
    public async Task An_entra_loan_officer_decides_a_loan()
    {
        using var client = _running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 5_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");

        // Until an Admin links the officer's Entra object id to their person, nobody can tell them from the applicant.
        var objectId = Guid.NewGuid().ToString();
        var officer = _entra.Token([PlatformRoles.LoanOfficer], objectId: objectId);
        using (var unlinked = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer))
        {
            Assert.Equal("staff-person-not-linked", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(unlinked, HttpStatusCode.Forbidden)));
        }

        await client.SendOkAsync(HttpMethod.Put, $"/users/staff/{objectId}/person", new { nik = "3273011203859001", email = "dewi@bank.example", phone = "081190000001" },
            await client.LoginStaffAsync("admin@staff.local"));
        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve", reason = "income verified" }, officer);
        await client.WaitForStatusAsync(loanId, customer.Token, "approved");
    }

    [Fact]
    public async Task An_entra_token_without_a_staff_role_is_forbidden_from_deciding()
    {
        using var client = _running.CreateClient();
        using var response = await client.SendAsync(HttpMethod.Post, "/loans/some-loan/decisions", new { decision = "approve" }, _entra.Token([]));
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"got {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Each_issuer_is_accepted_only_with_its_own_audience()
    {
        var refused = new Dictionary<string, string>
        {
            ["entra token, customer audience"] = _entra.Token([PlatformRoles.LoanOfficer], audience: _forge.Audience),
            ["entra token, another audience"] = _entra.Token([PlatformRoles.LoanOfficer], audience: "api://someone-else"),
            ["another tenant"] = _entra.Token([PlatformRoles.LoanOfficer], issuer: "https://login.microsoftonline.com/another-tenant/v2.0"),
            ["customer token, staff audience"] = _forge.ForAudience(FakeEntraIssuer.Audience),
        };
        using var client = _running.CreateClient();
        foreach (var (name, token) in refused)
        {
            using var response = await client.SendAsync(HttpMethod.Get, "/loans", token: token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: got {(int)response.StatusCode}");
            await PlatformClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        // The controls: each kind of token with its own audience is accepted.
        await client.SendOkAsync(HttpMethod.Get, "/loans", token: _entra.Token([PlatformRoles.LoanOfficer]));
        await client.SendOkAsync(HttpMethod.Get, "/loans", token: (await client.RegisterAsync()).Token);
    }

    [Fact]
    public async Task The_service_itself_refuses_a_staff_token_of_another_client_app_or_without_a_staff_role()
    {
        // Around the gateway, as a request that reached the app some other way would: the Loans app checks what APIM checks.
        using var loans = await _running.CreateDirectClientAsync(GatewayRoutes.Loans, ServiceCallers.Gateway);
        foreach (var (name, token) in new[]
        {
            ("another client app", _entra.Token([PlatformRoles.LoanOfficer], clientApp: "bbbbbbbb-0000-0000-0000-000000000000")),
            ("no staff role", _entra.Token([])),
            ("a role that is no staff role", _entra.Token([PlatformRoles.Customer])),
        })
        {
            using var response = await loans.SendAsync(HttpMethod.Get, "/loans", token: token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: got {(int)response.StatusCode}");
        }

        await loans.SendOkAsync(HttpMethod.Get, "/loans", token: _entra.Token([PlatformRoles.LoanOfficer]));
    }
}
