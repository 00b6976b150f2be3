using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Testing;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>KYC as a state of its own, the staff review API, and the rule that nobody reviews their own person.</summary>
public sealed class KycTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public async Task The_customer_goes_to_review_once_both_the_KTP_and_the_selfie_passed_their_file_checks()
    {
        var (_, client) = await host.NewCustomerAsync();
        Assert.Equal("notStarted", (await KycOfAsync(client)).GetProperty("status").GetString());

        await UploadAsync(client, "ktp");
        Assert.Equal("notStarted", (await KycOfAsync(client)).GetProperty("status").GetString());

        await UploadAsync(client, "selfie");
        var kyc = await KycOfAsync(client);
        Assert.Equal("pendingReview", kyc.GetProperty("status").GetString());
        Assert.False(kyc.TryGetProperty("verifiedAt", out _));
    }

    [Fact]
    public async Task The_queue_is_oldest_first_and_pages_by_continuation_token()
    {
        var waiting = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (userId, client) = await host.NewCustomerAsync();
            await SubmitForReviewAsync(client);
            waiting.Add(userId);
        }

        var (_, officer) = await host.NewStaffAsync(PlatformRoles.LoanOfficer);
        var seen = new List<string>();
        string? continuation = null;
        do
        {
            var page = await officer.GetFromJsonAsync<JsonElement>($"/users/kyc-reviews?pageSize=1{(continuation is null ? "" : "&continuationToken=" + continuation)}");
            var item = Assert.Single(page.GetProperty("items").EnumerateArray());
            Assert.Equal("pendingReview", item.GetProperty("status").GetString());
            seen.Add(item.GetProperty("userId").GetString()!);
            continuation = page.TryGetProperty("continuationToken", out var token) ? Uri.EscapeDataString(token.GetString()!) : null;
        }
        while (continuation is not null);

        Assert.Equal(waiting, seen.Where(waiting.Contains));
        Assert.Equal(seen.Count, seen.Distinct().Count());
        foreach (var bad in new[] { "pageSize=0", "pageSize=abc", "status=bogus", "continuationToken=not-a-token" })
        {
            using var refused = await officer.GetAsync($"/users/kyc-reviews?{bad}");
            await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        }
    }

    [Fact]
    public async Task Read_urls_read_only_the_checked_bytes_and_expire()
    {
        await using var shortLived = await UsersHost.StartAsync(new Dictionary<string, string?> { ["Kyc:ReviewUrlLifetime"] = "00:00:01" });
        var (userId, client) = await shortLived.NewCustomerAsync();
        await SubmitForReviewAsync(client, shortLived);
        var (_, officer) = await shortLived.NewStaffAsync(PlatformRoles.SeniorLoanOfficer);

        var review = await officer.GetFromJsonAsync<JsonElement>($"/users/{userId}/kyc");
        var document = review.GetProperty("documents")[0];
        var readUrl = document.GetProperty("readUrl").GetString()!;
        Assert.Equal(SampleImages.Jpeg, await shortLived.Anonymous.GetByteArrayAsync(readUrl));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SampleImages.Jpeg)), document.GetProperty("sha256").GetString()!.ToLowerInvariant());
        using (var write = await shortLived.PutAsync(readUrl, "image/jpeg", SampleImages.Jpeg))
        {
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var expired = await shortLived.Anonymous.GetAsync(readUrl);
        await expired.AssertProblemAsync(HttpStatusCode.Forbidden, "signature-expired");
    }

    [Fact]
    public async Task A_decision_is_recorded_with_who_when_and_why_and_a_second_one_is_a_409()
    {
        var (userId, client) = await host.NewCustomerAsync();
        await SubmitForReviewAsync(client);
        var (officerId, officer) = await host.NewStaffAsync(PlatformRoles.LoanOfficer);

        using var decided = await officer.PostAsJsonAsync($"/users/{userId}/kyc/decisions", new { decision = "verify", reason = "Matches" });
        var decision = (await decided.ReadJsonAsync()).GetProperty("decision");
        Assert.Equal(officerId, decision.GetProperty("decidedBy").GetString());
        Assert.Equal("LoanOfficer", decision.GetProperty("decidedByRole").GetString());
        Assert.Equal("Matches", decision.GetProperty("note").GetString());
        Assert.Equal(2, decision.GetProperty("documentIds").GetArrayLength());

        using var again = await officer.PostAsJsonAsync($"/users/{userId}/kyc/decisions", new { decision = "reject", reason = "Changed my mind" });
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "kyc-not-pending-review");

        using var service = await host.ServiceClientAsync();
        var eligibility = await service.GetFromJsonAsync<JsonElement>($"/internal/users/{userId}/eligibility");
        Assert.Equal("verified", eligibility.GetProperty("kyc").GetProperty("status").GetString());
        Assert.Equal(officerId, eligibility.GetProperty("kyc").GetProperty("verifiedBy").GetString());
    }

    [Fact]
    public async Task A_verified_customer_who_changes_their_name_is_reviewed_again()
    {
        var (userId, client) = await host.NewCustomerAsync();
        await SubmitForReviewAsync(client);
        var (_, officer) = await host.NewStaffAsync(PlatformRoles.LoanOfficer);
        (await officer.PostAsJsonAsync($"/users/{userId}/kyc/decisions", new { decision = "verify" })).EnsureSuccessStatusCode();

        using var read = await client.GetAsync("/users/me");
        (await client.SendAsync(ProfileTests.Patch(read.Headers.ETag!.Tag, new { fullName = "Siti Rahayu Putri" }))).EnsureSuccessStatusCode();

        Assert.Equal("pendingReview", (await KycOfAsync(client)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"decision":"maybe"}""", "decision")]
    [InlineData("""{"decision":"reject"}""", "reason")]
    [InlineData("""{"decision":"reject","reason":"x","reasonCodes":["made-up"]}""", "reasonCodes")]
    public async Task A_malformed_decision_is_a_400_naming_the_field(string body, string field)
    {
        var (userId, client) = await host.NewCustomerAsync();
        await SubmitForReviewAsync(client);
        var (_, officer) = await host.NewStaffAsync(PlatformRoles.LoanOfficer);

        using var response = await officer.PostAsync($"/users/{userId}/kyc/decisions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Staff_sharing_a_customers_phone_or_not_linked_to_a_person_are_refused_with_the_rule_named()
    {
        var (userId, client) = await host.NewCustomerAsync();
        await SubmitForReviewAsync(client);
        var phone = (await client.GetFromJsonAsync<JsonElement>("/users/me")).GetProperty("phone").GetString();
        var (staffId, samePerson) = await host.NewStaffAsync(PlatformRoles.LoanOfficer, phone);
        using var unlinked = host.ClientFor("staff-nobody-linked", PlatformRoles.LoanOfficer);

        using (var review = await samePerson.GetAsync($"/users/{userId}/kyc"))
        {
            await review.AssertProblemAsync(HttpStatusCode.Forbidden, "same-person");
        }

        using (var decision = await samePerson.PostAsJsonAsync($"/users/{userId}/kyc/decisions", new { decision = "verify" }))
        {
            await decision.AssertProblemAsync(HttpStatusCode.Forbidden, "same-person");
        }

        using (var review = await unlinked.GetAsync($"/users/{userId}/kyc"))
        {
            await review.AssertProblemAsync(HttpStatusCode.Forbidden, "staff-person-not-linked");
        }

        using var service = await host.ServiceClientAsync();
        var match = await service.GetFromJsonAsync<JsonElement>($"/internal/users/{userId}/person-match/{staffId}");
        Assert.True(match.GetProperty("samePerson").GetBoolean());
        Assert.Equal(["phone"], match.GetProperty("sharedFields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("pendingReview", (await KycOfAsync(client)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_admin_links_a_staff_identity_to_a_person_and_replaces_it_only_with_the_current_ETag()
    {
        using var admin = host.ClientFor("staff-admin", PlatformRoles.Admin);
        var staffId = Guid.NewGuid().ToString();
        var person = new { nik = "3273011203851234", email = "Dewi@Bank.example", phone = "0811-2345-6789" };

        using var created = await admin.PutAsJsonAsync($"/users/staff/{staffId}/person", person);
        var linked = await created.ReadJsonAsync();
        Assert.Equal("3273********1234", linked.GetProperty("nikMasked").GetString());
        Assert.Equal("dewi@bank.example", linked.GetProperty("email").GetString());
        Assert.Equal("+6281123456789", linked.GetProperty("phone").GetString());

        using (var withoutETag = await admin.PutAsJsonAsync($"/users/staff/{staffId}/person", person))
        {
            await withoutETag.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        }

        using var replace = new HttpRequestMessage(HttpMethod.Put, $"/users/staff/{staffId}/person") { Content = JsonContent.Create(person with { phone = "0811-2345-0000" }) };
        replace.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
        using (var replaced = await admin.SendAsync(replace))
        {
            Assert.Equal("+6281123450000", (await replaced.ReadJsonAsync()).GetProperty("phone").GetString());
        }

        using (var invalid = await admin.PutAsJsonAsync($"/users/staff/{Guid.NewGuid()}/person", new { nik = "123", email = "x", phone = "1" }))
        {
            var problem = await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
            Assert.Equal(["email", "nik", "phone"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        }

        using var officer = host.ClientFor("staff-officer", PlatformRoles.LoanOfficer);
        using var notAdmin = await officer.GetAsync($"/users/staff/{staffId}/person");
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
    }

    /// <summary>Uploads and completes one document of <paramref name="type"/>.</summary>
    internal static async Task UploadAsync(HttpClient client, string type, UsersHost host, byte[]? content = null)
    {
        content ??= SampleImages.Jpeg;
        var (documentId, upload) = await DocumentTests.RequestAsync(client, type, content);
        (await host.UploadAsync(upload, content)).EnsureSuccessStatusCode();
        (await client.PostAsync($"/users/me/documents/{documentId}/complete", null)).EnsureSuccessStatusCode();
    }

    /// <summary>Uploads a KTP and a selfie, which puts the customer in review.</summary>
    internal static async Task SubmitForReviewAsync(HttpClient client, UsersHost host, byte[]? ktp = null, byte[]? selfie = null)
    {
        await UploadAsync(client, "ktp", host, ktp);
        await UploadAsync(client, "selfie", host, selfie);
    }

    internal static async Task<JsonElement> KycOfAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/users/me")).GetProperty("kyc");

    private Task UploadAsync(HttpClient client, string type) => UploadAsync(client, type, host);

    private Task SubmitForReviewAsync(HttpClient client) => SubmitForReviewAsync(client, host);
}
