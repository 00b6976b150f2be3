using System.Net;
using System.Text.Json.Nodes;
using LoanPlatform.Gateway;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>
/// The audit trail through the gateway: requests and loan transitions are recorded, auditors alone read them, the chain
/// verifies; and the ingest endpoint API Management reports its requests to in Azure.
/// </summary>
public sealed class AuditTrailTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task An_auditor_sees_the_requests_and_transitions_of_a_loan_without_any_secret_or_personal_data()
    {
        using var client = fixture.Running.CreateClient();
        var email = $"audit-{Guid.NewGuid():N}@example.com";
        const string password = "audit-horse-battery-staple";
        const string nik = "3171074506900777";
        var phone = $"0813{Random.Shared.Next(10000000, 99999999)}";
        var registered = await client.SendOkAsync(HttpMethod.Post, "/users", new
        {
            fullName = "Dewi Lestari", email, phone, nik, dateOfBirth = "1990-06-05", password,
            consent = new { accepted = true, version = "2025-01" },
        });
        var customer = new PlatformClient.Customer(registered["userId"]!.GetValue<string>(), email, password, await client.LoginAsync(email, password));
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
            && records.Any(r => Text(r, "correlationId") == correlationId));
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

    [Fact]
    public async Task A_request_reported_by_a_service_identity_is_recorded_by_the_same_rule_as_the_gateways()
    {
        using var client = fixture.Running.CreateClient();
        using var loans = await ServiceClientAsync();
        var subject = "apim-user-" + Guid.NewGuid().ToString("N");
        var correlationId = "apim-" + Guid.NewGuid().ToString("N");
        using (var response = await loans.SendAsync(HttpMethod.Post, IngestPath, new
        {
            time = DateTimeOffset.UtcNow, subject, roles = new[] { "Customer" }, method = "get", path = $"/loans/{subject}?sig=secret-value",
            route = "/loans/{loanId}", statusCode = 404, correlationId, clientIp = "203.0.113.7", userAgent = new string('u', 500),
        }))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        var record = Assert.Single(await WaitForRecordsAsync(client, auditor, subject, found => found.Count > 0));
        Assert.Equal(subject, Text(record, "actor"));
        Assert.Equal("Customer", Text(record, "role"));
        Assert.Equal("GET /loans/{loanId}", Text(record, "action"));
        Assert.Equal($"/loans/{subject}", Text(record, "resource"));
        Assert.Equal("failure", Text(record, "outcome"));
        Assert.Equal(404, record!["statusCode"]!.GetValue<int>());
        Assert.Equal(correlationId, Text(record, "correlationId"));
        Assert.Equal("203.0.113.7", Text(record, "clientIp"));
        Assert.Equal(200, Text(record, "userAgent")!.Length);
        Assert.DoesNotContain("secret-value", record.ToJsonString(), StringComparison.Ordinal);
        Assert.True((await client.SendOkAsync(HttpMethod.Get, "/audit/verify", null, auditor))["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_ingest_endpoint_answers_bad_input_with_a_problem_and_refuses_people()
    {
        using var loans = await ServiceClientAsync();
        using (var invalid = await loans.SendAsync(HttpMethod.Post, IngestPath, new
        {
            method = "GET /x", path = "loans", statusCode = 42, correlationId = "two words", clientIp = "not-an-ip", roles = new[] { "" },
        }))
        {
            var problem = await PlatformClient.ReadProblemAsync(invalid, HttpStatusCode.BadRequest);
            Assert.Equal("validation", PlatformClient.TypeOf(problem));
            Assert.Equal(
                new[] { "clientIp", "correlationId", "method", "path", "roles", "statusCode", "time" },
                problem["errors"]!.AsObject().Select(e => e.Key).Order());
        }

        using (var malformed = new HttpRequestMessage(HttpMethod.Post, IngestPath) { Content = new StringContent("{\"time\":", System.Text.Encoding.UTF8, "application/json") })
        using (var response = await loans.Http.SendAsync(malformed))
        {
            await PlatformClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        }

        using (var empty = await loans.SendAsync(HttpMethod.Post, IngestPath, new { }))
        {
            await PlatformClient.ReadProblemAsync(empty, HttpStatusCode.BadRequest);
        }

        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterAsync();
        using var direct = new PlatformClient(new HttpClient { BaseAddress = new Uri(fixture.Running.Platform.ServiceUrls[GatewayRoutes.Loans]) });
        using (var person = await direct.SendAsync(HttpMethod.Post, IngestPath, new { }, customer.Token))
        {
            Assert.Contains(person.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        }

        using (var anonymous = await direct.SendAsync(HttpMethod.Post, IngestPath, new { }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var throughGateway = await client.SendAsync(HttpMethod.Post, IngestPath, new { }, customer.Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, throughGateway.StatusCode);
        }
    }

    private const string IngestPath = "/internal/audit/requests";

    /// <summary>The Loans service itself, called as API Management would with its managed identity.</summary>
    private Task<PlatformClient> ServiceClientAsync() => fixture.Running.CreateServiceClientAsync(GatewayRoutes.Loans, "gateway");

    private static string? Text(JsonNode? record, string field) => record?[field]?.GetValue<string>();

    private static Dictionary<string, string> Correlated(string step) => new() { ["X-Correlation-Id"] = $"users-{step}-{Guid.NewGuid():N}" };

    // Gateway records are written after the response, through a queue: poll until they are in.
    private static async Task<JsonArray> WaitForRecordsAsync(PlatformClient client, string auditor, string subject, Func<JsonArray, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonArray records;
        do
        {
            records = (await client.SendOkAsync(HttpMethod.Get, $"/audit?subject={Uri.EscapeDataString(subject)}", null, auditor)).AsArray();
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
