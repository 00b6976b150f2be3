using System.Net.Http.Json;
using System.Text.Json;
using LoanPlatform.Testing;
using LoanPlatform.Testing.Verihubs;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>
/// The Verihubs adapter over HTTP against a stand-in that follows Verihubs' documented ID Verification contract: a
/// registry contradiction rejects with the reason, everything else goes to people, and nothing verifies on its own.
/// </summary>
public sealed class VerihubsProviderTests : IAsyncLifetime
{
    private VerihubsStandIn _verihubs = null!;
    private UsersHost _host = null!;

    public async Task InitializeAsync()
    {
        _verihubs = await VerihubsStandIn.StartAsync();
        _host = await UsersHost.StartAsync(Settings(_verihubs.Origin));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _verihubs.DisposeAsync();
    }

    [Fact]
    public async Task A_registry_match_is_shown_to_reviewers_but_never_verifies_without_a_person()
    {
        var (registration, client) = await NewCustomerAsync();
        _verihubs.Register((string)registration["nik"]!, "Siti Rahayu", new DateOnly(1990, 6, 5));

        await KycTests.SubmitForReviewAsync(client, _host);

        var kyc = await KycTests.KycOfAsync(client);
        Assert.Equal("pendingReview", kyc.GetProperty("status").GetString());
        var check = await AutomatedCheckAsync(client);
        Assert.Equal("verihubs", check.GetProperty("provider").GetString());
        Assert.Equal("match", check.GetProperty("outcome").GetString());
        Assert.Equal(["registry-data-matched", "face-not-compared"], check.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        var sent = Assert.Single(_verihubs.Received, body => body["nik"]!.GetValue<string>() == (string)registration["nik"]!);
        Assert.Equal("Siti Rahayu", sent["name"]!.GetValue<string>());
        Assert.Equal("05-06-1990", sent["birth_date"]!.GetValue<string>());
        Assert.Empty(_verihubs.Refusals);
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains((string)registration["nik"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registry_mismatch_rejects_at_once_with_the_reason_in_the_customers_language()
    {
        var (registration, client) = await NewCustomerAsync();
        _verihubs.Register((string)registration["nik"]!, "Dewi Lestari", new DateOnly(1990, 6, 5));

        await KycTests.SubmitForReviewAsync(client, _host);

        var kyc = await KycTests.KycOfAsync(client);
        Assert.Equal("rejected", kyc.GetProperty("status").GetString());
        Assert.Equal(["Nama Anda berbeda dengan nama dalam data kependudukan."], kyc.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var decision = (await ReviewAsync(client)).GetProperty("decision");
        Assert.Equal("system:ekyc-verihubs", decision.GetProperty("decidedBy").GetString());
        Assert.Equal("verihubs", decision.GetProperty("provider").GetString());
    }

    [Fact]
    public async Task An_unknown_NIK_rejects_as_not_found()
    {
        var (_, client) = await NewCustomerAsync();

        await KycTests.SubmitForReviewAsync(client, _host);

        Assert.Equal("rejected", (await KycTests.KycOfAsync(client)).GetProperty("status").GetString());
        Assert.Equal(["nik-not-found"], (await ReviewAsync(client)).GetProperty("decision").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData(429, "provider-rate-limited")]
    [InlineData(403, "provider-quota-exhausted")]
    [InlineData(500, "provider-unavailable")]
    [InlineData(503, "provider-unavailable")]
    public async Task A_refusal_or_an_outage_sends_the_customer_to_people(int status, string reason)
    {
        var (_, client) = await NewCustomerAsync();
        _verihubs.ForcedStatus = status;
        try
        {
            await KycTests.SubmitForReviewAsync(client, _host);
        }
        finally
        {
            _verihubs.ForcedStatus = null;
        }

        Assert.Equal("pendingReview", (await KycTests.KycOfAsync(client)).GetProperty("status").GetString());
        var check = await AutomatedCheckAsync(client);
        Assert.Equal("inconclusive", check.GetProperty("outcome").GetString());
        Assert.Equal([reason], check.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_slow_provider_times_out_into_the_review_queue()
    {
        var (_, client) = await NewCustomerAsync();
        _verihubs.Delay = TimeSpan.FromSeconds(3);
        try
        {
            await KycTests.SubmitForReviewAsync(client, _host);
        }
        finally
        {
            _verihubs.Delay = TimeSpan.Zero;
        }

        Assert.Equal("pendingReview", (await KycTests.KycOfAsync(client)).GetProperty("status").GetString());
        Assert.Equal(["provider-timeout"], (await AutomatedCheckAsync(client)).GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_provider_that_is_down_or_refuses_the_credentials_sends_the_customer_to_people()
    {
        var closedPort = $"http://127.0.0.1:{LoopbackPorts.FindFree()}";
        foreach (var settings in new[] { Settings(closedPort), Settings(_verihubs.Origin, apiKey: "revoked-key") })
        {
            await using var host = await UsersHost.StartAsync(settings);
            var (_, client) = await host.NewCustomerAsync();

            await KycTests.SubmitForReviewAsync(client, host);

            Assert.Equal("pendingReview", (await KycTests.KycOfAsync(client)).GetProperty("status").GetString());
        }

        Assert.Contains(_verihubs.Refusals, reason => reason.Contains("API-Key", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Settings(string baseUrl, string apiKey = VerihubsStandIn.ApiKey) => new()
    {
        ["Kyc:Provider"] = "Verihubs",
        ["Kyc:Verihubs:BaseUrl"] = baseUrl,
        ["Kyc:Verihubs:AppId"] = VerihubsStandIn.AppId,
        ["Kyc:Verihubs:ApiKey"] = apiKey,
        ["Kyc:Verihubs:Timeout"] = "00:00:01",
    };

    private async Task<(Dictionary<string, object?> Registration, HttpClient Client)> NewCustomerAsync()
    {
        var registration = UsersHost.NewRegistration();
        using var registered = await _host.RegisterAsync(registration);
        var userId = (await registered.Content.ReadFromJsonAsync<UsersHost.RegisterResult>())!.UserId;
        return (registration, _host.ClientFor(userId));
    }

    private async Task<JsonElement> ReviewAsync(HttpClient customer)
    {
        var userId = (await customer.GetFromJsonAsync<JsonElement>("/users/me")).GetProperty("userId").GetString();
        var (_, officer) = await _host.NewStaffAsync(BuildingBlocks.Security.PlatformRoles.LoanOfficer);
        return await officer.GetFromJsonAsync<JsonElement>($"/users/{userId}/kyc");
    }

    private async Task<JsonElement> AutomatedCheckAsync(HttpClient customer) => (await ReviewAsync(customer)).GetProperty("automatedCheck");
}
