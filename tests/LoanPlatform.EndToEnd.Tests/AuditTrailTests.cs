using System.Net;
using System.Text.Json.Nodes;
using LoanPlatform.Gateway;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>
/// The audit trail through the gateway: requests and loan transitions are recorded, auditors alone read them a page at a
/// time, every shard's chain verifies.
/// </summary>
public sealed class AuditTrailTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task An_auditor_sees_the_requests_and_transitions_of_a_loan_without_any_secret_or_personal_data()
    {
        using var client = fixture.Running.CreateClient();
        var registration = PlatformClient.NewRegistration();
        registration["fullName"] = "Dewi Lestari";
        var (nik, phone, password) = ((string)registration["nik"]!, (string)registration["phone"]!, (string)registration["password"]!);
        var customer = await client.RegisterAsync(registration);
        var email = customer.Email;
        await client.VerifyKtpAsync(customer);
        var loanId = await client.ApplyOkAsync(customer.Token, 5_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        var officer = await client.LoginStaffAsync("officer1@staff.local");
        var correlationId = "audit-e2e-" + Guid.NewGuid().ToString("N");
        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve", reason = "Income verified" }, officer,
            new Dictionary<string, string> { ["X-Correlation-Id"] = correlationId });
        await client.WaitForStatusAsync(loanId, customer.Token, "approved");

        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        var loanRecords = await WaitForRecordsAsync(client, auditor, loanId, records =>
            records.Any(r => Text(r, "action") == "LoanStatusChanged PendingApproval->Approved")
            && records.Any(r => Text(r, "correlationId") == correlationId && r!["statusCode"] is not null));
        var decision = loanRecords.Single(r => Text(r, "correlationId") == correlationId && r!["statusCode"] is not null);
        Assert.Equal("staff-officer1", Text(decision, "actor"));
        Assert.Equal("LoanOfficer", Text(decision, "role"));
        Assert.Equal($"/loans/{loanId}/decisions", Text(decision, "resource"));
        Assert.Equal(202, decision!["statusCode"]!.GetValue<int>());
        Assert.Equal("success", Text(decision, "outcome"));
        var approval = loanRecords.Single(r => Text(r, "action") == "LoanStatusChanged PendingApproval->Approved");
        // The orchestration completes the approval once the officer's stage is approved, under the decision's correlation id.
        Assert.Equal($"/loans/{loanId}", Text(approval, "resource"));
        Assert.Equal(correlationId, Text(approval, "correlationId"));
        Assert.Null(approval!["statusCode"]);
        Assert.False(string.IsNullOrEmpty(Text(approval, "actor")));
        Assert.Contains(loanRecords, r => Text(r, "action") == "LoanStatusChanged Submitted->Scoring");

        var customerRecords = await WaitForRecordsAsync(client, auditor, customer.UserId, records => records.Any(r => Text(r, "action") == "POST /loans"));
        Assert.All(customerRecords.Where(r => r!["statusCode"] is not null), r => Assert.False(string.IsNullOrEmpty(Text(r, "correlationId"))));

        using (var refused = await client.SendAsync(HttpMethod.Get, "/audit", null, customer.Token))
        {
            await PlatformClient.ReadProblemAsync(refused, HttpStatusCode.Forbidden);
        }

        var verification = await client.SendOkAsync(HttpMethod.Get, "/audit/verify", null, auditor);
        Assert.True(verification["valid"]!.GetValue<bool>(), verification.ToJsonString());
        Assert.True(verification["checked"]!.GetValue<long>() > 0);

        using var all = await client.SendAsync(HttpMethod.Get, "/audit", null, auditor);
        var text = await all.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        foreach (var secret in new[] { nik, phone, password, email, customer.Token, officer, auditor })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_customers_registration_profile_update_and_verified_KTP_are_change_records_under_their_requests_correlation_ids()
    {
        using var client = fixture.Running.CreateClient();
        var registering = Correlated("register");
        var customer = await client.RegisterAsync(headers: registering);
        using var read = await client.SendAsync(HttpMethod.Get, "/users/me", null, customer.Token);
        var updating = Correlated("update");
        updating["If-Match"] = read.Headers.ETag!.Tag;
        await client.SendOkAsync(HttpMethod.Patch, "/users/me", new { language = "en" }, customer.Token, updating);
        var verifying = Correlated("verify");
        await client.VerifyKtpAsync(customer, verifying);

        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        var expected = new[] { ("UserRegistered", registering), ("ProfileUpdated", updating), ("KtpVerified", verifying) };
        var records = await WaitForRecordsAsync(client, auditor, customer.UserId,
            found => expected.All(e => found.Any(r => Text(r, "action") == e.Item1)) && found.Any(r => Text(r, "action") == "KycVerified"));
        foreach (var (action, headers) in expected)
        {
            var change = records.Single(r => Text(r, "action") == action);
            Assert.Equal($"/users/{customer.UserId}", Text(change, "resource"));
            Assert.Equal(customer.UserId, Text(change, "actor"));
            Assert.Equal("Customer", Text(change, "role"));
            Assert.Equal(headers["X-Correlation-Id"], Text(change, "correlationId"));
            Assert.Null(change!["statusCode"]);
        }

        // The identity went to review on the customer's upload and was verified by the reviewer, who is named with their role.
        var submitted = records.Single(r => Text(r, "action") == "KycSubmitted");
        Assert.Equal((customer.UserId, "Customer"), (Text(submitted, "actor"), Text(submitted, "role")));
        var verified = records.Single(r => Text(r, "action") == "KycVerified");
        Assert.Equal(($"/users/{customer.UserId}/kyc", "staff-admin", "Admin"), (Text(verified, "resource"), Text(verified, "actor"), Text(verified, "role")));
        Assert.Equal(verifying["X-Correlation-Id"], Text(verified, "correlationId"));
        Assert.DoesNotContain(customer.Email, records.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_refused_anonymous_request_is_recorded_without_its_query_string()
    {
        using var client = fixture.Running.CreateClient();
        var marker = "anonymous-" + Guid.NewGuid().ToString("N");
        using (var refused = await client.SendAsync(HttpMethod.Get, $"/loans/{marker}?token=secret-{marker}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        var records = await WaitForRecordsAsync(client, auditor, marker, found => found.Count > 0);
        var record = Assert.Single(records);
        Assert.Equal("anonymous", Text(record, "actor"));
        Assert.Equal($"/loans/{marker}", Text(record, "resource"));
        Assert.Equal("denied", Text(record, "outcome"));
        Assert.DoesNotContain("secret-", records.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_filters_are_a_problem_not_an_error()
    {
        using var client = fixture.Running.CreateClient();
        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        using var response = await client.SendAsync(HttpMethod.Get, "/audit?from=yesterday", null, auditor);
        Assert.Equal("invalid-time", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(response, HttpStatusCode.BadRequest)));
    }

    private static string? Text(JsonNode? record, string field) => record?[field]?.GetValue<string>();

    private static Dictionary<string, string> Correlated(string step) => new() { ["X-Correlation-Id"] = $"users-{step}-{Guid.NewGuid():N}" };

    // Gateway records are spooled before the response and appended by the drainer after it: poll until they are in.
    private static async Task<JsonArray> WaitForRecordsAsync(PlatformClient client, string auditor, string subject, Func<JsonArray, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonArray records;
        do
        {
            records = (await client.SendOkAsync(HttpMethod.Get, $"/audit?subject={Uri.EscapeDataString(subject)}", null, auditor))["items"]!.AsArray();
            if (until(records))
            {
                return records;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"The audit records of {subject} did not arrive; last seen: {records.ToJsonString()}");
    }
}
