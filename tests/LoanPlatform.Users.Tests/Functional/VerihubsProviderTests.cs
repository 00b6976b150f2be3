using System.Net.Http.Json;
using System.Text.Json;
using LoanPlatform.Testing;
using LoanPlatform.Testing.Verihubs;
using LoanPlatform.Users.Kyc;
using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>
/// The Verihubs adapter over HTTP against a stand-in that follows Verihubs' documented ID Verification and Face Compare
/// contracts: registry data and face both matching verifies, a registry contradiction or a face below the mismatch
/// threshold rejects with the reason, and everything else (an ambiguous score, no face, a missing photo, a refusal, an
/// outage, a timeout) goes to people.
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
    public async Task A_registry_match_and_a_face_match_verify_the_customer_without_a_person()
    {
        var (registration, client) = await NewCustomerAsync();
        _verihubs.Register((string)registration["nik"]!, "Siti Rahayu", new DateOnly(1990, 6, 5));
        _verihubs.FaceSimilarity = 96.5;
        byte[] ktp = SampleImages.Jpeg, selfie = [.. SampleImages.Jpeg, 0x01];

        await KycTests.SubmitForReviewAsync(client, _host, ktp, selfie);

        var kyc = await KycTests.KycOfAsync(client);
        Assert.Equal("verified", kyc.GetProperty("status").GetString());
        var review = await ReviewAsync(client);
        Assert.Equal(["registry-data-matched", "face-matched"], review.GetProperty("automatedCheck").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("match", review.GetProperty("automatedCheck").GetProperty("outcome").GetString());
        Assert.Equal("system:ekyc-verihubs", review.GetProperty("decision").GetProperty("decidedBy").GetString());
        Assert.Equal("verihubs", review.GetProperty("decision").GetProperty("provider").GetString());

        var sent = Assert.Single(_verihubs.Received, body => body["nik"]!.GetValue<string>() == (string)registration["nik"]!);
        Assert.Equal("Siti Rahayu", sent["name"]!.GetValue<string>());
        Assert.Equal("05-06-1990", sent["birth_date"]!.GetValue<string>());
        // The sealed KTP went as image_1 and the sealed selfie as image_2, byte for byte.
        var (image1, image2) = _verihubs.FaceComparisons.Last();
        Assert.Equal(ktp, image1);
        Assert.Equal(selfie, image2);
        Assert.Empty(_verihubs.Refusals);
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains((string)registration["nik"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_face_below_the_mismatch_threshold_rejects_with_the_reason_in_the_customers_language()
    {
        var (registration, client) = await NewCustomerAsync();
        _verihubs.Register((string)registration["nik"]!, "Siti Rahayu", new DateOnly(1990, 6, 5));
        _verihubs.FaceSimilarity = 12;

        await KycTests.SubmitForReviewAsync(client, _host);

        var kyc = await KycTests.KycOfAsync(client);
        Assert.Equal("rejected", kyc.GetProperty("status").GetString());
        Assert.Equal(["Swafoto Anda tidak cocok dengan foto pada KTP."], kyc.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var decision = (await ReviewAsync(client)).GetProperty("decision");
        Assert.Equal("system:ekyc-verihubs", decision.GetProperty("decidedBy").GetString());
        Assert.Equal(["face-mismatch"], decision.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData(65.0, null, "face-similarity-inconclusive")]
    [InlineData(null, null, "face-not-compared")]
    [InlineData(97.0, 503, "provider-unavailable")]
    [InlineData(97.0, 429, "provider-rate-limited")]
    public async Task An_ambiguous_score_no_face_or_a_failed_face_call_after_a_registry_match_goes_to_people(double? similarity, int? faceStatus, string reason)
    {
        var (registration, client) = await NewCustomerAsync();
        _verihubs.Register((string)registration["nik"]!, "Siti Rahayu", new DateOnly(1990, 6, 5));
        _verihubs.FaceSimilarity = similarity;
        _verihubs.ForcedFaceCompareStatus = faceStatus;
        try
        {
            await KycTests.SubmitForReviewAsync(client, _host);
        }
        finally
        {
            _verihubs.ForcedFaceCompareStatus = null;
        }

        Assert.Equal("pendingReview", (await KycTests.KycOfAsync(client)).GetProperty("status").GetString());
        var check = await AutomatedCheckAsync(client);
        Assert.Equal("inconclusive", check.GetProperty("outcome").GetString());
        Assert.Equal(["registry-data-matched", reason], check.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_missing_photo_is_never_a_face_match()
    {
        var (registration, _) = await NewCustomerAsync();
        var nik = (string)registration["nik"]!;
        _verihubs.Register(nik, "Siti Rahayu", new DateOnly(1990, 6, 5));
        _verihubs.FaceSimilarity = 99;
        var compared = _verihubs.FaceComparisons.Count;
        var provider = _host.GetRequiredService<IKycProvider>();

        foreach (var (ktpKey, selfieKey) in new[] { ("users/nobody/ktp", "users/nobody/selfie"), ((string?)null, (string?)null) })
        {
            var check = await provider.CheckAsync(new KycApplicant("u-missing", nik, "Siti Rahayu", new DateOnly(1990, 6, 5), ktpKey, selfieKey), CancellationToken.None);

            Assert.Equal(AutomatedKycOutcome.Inconclusive, check!.Outcome);
            Assert.Equal(["registry-data-matched", "face-not-compared"], check.Reasons);
        }

        Assert.Equal(compared, _verihubs.FaceComparisons.Count);
    }

    [Fact]
    public async Task A_registry_mismatch_rejects_at_once_with_the_reason_in_the_customers_language()
    {
        var (registration, client) = await NewCustomerAsync();
        _verihubs.Register((string)registration["nik"]!, "Dewi Lestari", new DateOnly(1990, 6, 5));

        var compared = _verihubs.FaceComparisons.Count;

        await KycTests.SubmitForReviewAsync(client, _host);

        // Conclusive from the registry alone: no billed face call.
        Assert.Equal(compared, _verihubs.FaceComparisons.Count);
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
