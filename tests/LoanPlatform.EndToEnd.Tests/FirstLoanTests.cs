using System.Net;
using System.Text.Json.Nodes;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>The platform's whole path, through the gateway: register, KTP, apply, decide, approved, history, schedule.</summary>
public sealed class FirstLoanTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task A_customer_is_refused_before_the_KTP_is_verified_and_approved_after_an_officer_decides()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterAsync();

        using (var refused = await client.ApplyAsync(customer.Token, 10_000_000))
        {
            Assert.Equal("kyc-not-verified", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(refused, HttpStatusCode.Conflict)));
        }

        await client.VerifyKtpAsync(customer);
        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
        var pending = await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        Assert.Equal("LoanOfficer", pending["currentStage"]!["waitingForRole"]!.GetValue<string>());

        var officer = await client.LoginStaffAsync("officer1@staff.local");
        var queue = await client.SendOkAsync(HttpMethod.Get, "/loans?status=pendingApproval", null, officer);
        Assert.Contains(queue.AsArray(), item => item!["loanId"]!.GetValue<string>() == loanId);

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve", reason = "Income verified" }, officer);
        var approved = await client.WaitForStatusAsync(loanId, customer.Token, "approved");
        Assert.Equal(10_000_000, approved["approvedAmount"]!.GetValue<long>());

        var history = (await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}/history", null, customer.Token)).AsArray();
        Assert.Equal(["Submitted", "Scored", "AwaitingApproval", "StageOpened", "StageApproved", "Approved"], history.Select(h => h!["event"]!.GetValue<string>()));
        // The applicant sees the officer's role, never their staff id; staff see who it was.
        Assert.Contains(history, h => h!["event"]!.GetValue<string>() == "StageApproved" && h["actorId"]!.GetValue<string>() == "LoanOfficer" && h["actorRole"]!.GetValue<string>() == "LoanOfficer");
        Assert.DoesNotContain("staff-", history.ToJsonString(), StringComparison.Ordinal);
        var staffHistory = (await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}/history", null, officer)).AsArray();
        Assert.Contains(staffHistory, h => h!["event"]!.GetValue<string>() == "StageApproved" && h["actorId"]!.GetValue<string>() == "staff-officer1");

        var schedule = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}/schedule", null, customer.Token);
        var installments = schedule["installments"]!.AsArray();
        Assert.Equal(12, installments.Count);
        Assert.Equal(10_000_000, installments.Sum(i => i!["principal"]!.GetValue<long>()));
        Assert.Equal(0, installments[^1]!["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task Above_the_first_tier_two_different_officers_must_approve_in_role_order()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 60_000_000, tenorMonths: 24);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");

        var officer1 = await client.LoginStaffAsync("officer1@staff.local");
        var officer2 = await client.LoginStaffAsync("officer2@staff.local");
        var senior = await client.LoginStaffAsync("senior@staff.local");

        using (var seniorFirst = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, senior))
        {
            Assert.Equal("wrong-role", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(seniorFirst, HttpStatusCode.Forbidden)));
        }

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer1);
        var atSenior = await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["name"]?.GetValue<string>() == "senior-review");
        Assert.Equal("SeniorLoanOfficer", atSenior["currentStage"]!["waitingForRole"]!.GetValue<string>());
        var seniorQueue = await client.SendOkAsync(HttpMethod.Get, "/loans?role=SeniorLoanOfficer", null, senior);
        Assert.Contains(seniorQueue.AsArray(), item => item!["loanId"]!.GetValue<string>() == loanId);
        Assert.All(seniorQueue.AsArray(), item => Assert.Equal("SeniorLoanOfficer", item!["waitingForRole"]!.GetValue<string>()));
        var officerQueue = await client.SendOkAsync(HttpMethod.Get, "/loans?role=LoanOfficer", null, officer1);
        Assert.DoesNotContain(officerQueue.AsArray(), item => item!["loanId"]!.GetValue<string>() == loanId);

        using (var wrongRole = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer2))
        {
            Assert.Equal("wrong-role", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(wrongRole, HttpStatusCode.Forbidden)));
        }

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve", approvedAmount = 55_000_000 }, senior);
        var approved = await client.WaitForStatusAsync(loanId, customer.Token, "approved");
        Assert.Equal(55_000_000, approved["approvedAmount"]!.GetValue<long>());
        Assert.Equal(["LoanOfficer", "SeniorLoanOfficer"], approved["stages"]!.AsArray().Select(s => s!["decidedBy"]!.GetValue<string>()));
        var asStaff = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, senior);
        Assert.Equal(["staff-officer1", "staff-senior"], asStaff["stages"]!.AsArray().Select(s => s!["decidedBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_ends_the_application()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 5_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        var officer = await client.LoginStaffAsync("officer2@staff.local");

        using (var noReason = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "reject" }, officer))
        {
            var problem = await PlatformClient.ReadProblemAsync(noReason, HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]!["reason"]);
        }

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "reject", reason = "Income could not be verified" }, officer);
        await client.WaitForStatusAsync(loanId, customer.Token, "rejected");

        using var tooLate = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer1@staff.local"));
        Assert.Equal("not-awaiting-decision", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(tooLate, HttpStatusCode.Conflict)));

        // The rejection freed the one-open-application rule.
        await client.ApplyOkAsync(customer.Token, 2_000_000);
    }

    [Fact]
    public async Task The_applicant_may_cancel_before_the_decision_and_a_second_open_application_is_refused()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 3_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");

        using (var second = await client.ApplyAsync(customer.Token, 4_000_000))
        {
            Assert.Equal("open-application-exists", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(second, HttpStatusCode.Conflict)));
        }

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/cancel", new { reason = "Tidak jadi" }, customer.Token);
        await client.WaitForStatusAsync(loanId, customer.Token, "cancelled");

        // The ended loan left its claim in place; the next application takes it over, and it binds again.
        var next = await client.ApplyOkAsync(customer.Token, 4_000_000);
        var claim = await fixture.Running.Platform.ServiceProviders["loans"].GetRequiredService<IDocumentStore<OpenApplicationClaim>>()
            .FindAsync(customer.UserId, OpenApplicationClaim.IdFor("cash-loan"), CancellationToken.None);
        Assert.Equal(next, claim!.Value.LoanId);
        using var third = await client.ApplyAsync(customer.Token, 5_000_000);
        Assert.Equal("open-application-exists", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(third, HttpStatusCode.Conflict)));
    }

    [Fact]
    public async Task A_claim_whose_submission_died_before_its_loan_binds_for_a_minute_and_is_then_taken_over()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var claims = fixture.Running.Platform.ServiceProviders["loans"].GetRequiredService<IDocumentStore<OpenApplicationClaim>>();
        var id = OpenApplicationClaim.IdFor("cash-loan");

        // What a submission killed between its claim and its loan leaves: a claim naming a loan that was never written.
        var died = await claims.CreateAsync(customer.UserId, id, new OpenApplicationClaim("never-written", DateTimeOffset.UtcNow));
        using (var meanwhile = await client.ApplyAsync(customer.Token, 3_000_000))
        {
            Assert.Equal("open-application-exists", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(meanwhile, HttpStatusCode.Conflict)));
        }

        await claims.ReplaceAsync(customer.UserId, id, died.Value with { ClaimedAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2) }, died.ETag);
        var loanId = await client.ApplyOkAsync(customer.Token, 3_000_000);
        Assert.Equal(loanId, (await claims.FindAsync(customer.UserId, id, CancellationToken.None))!.Value.LoanId);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_answer_and_refuses_another_body()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await client.ApplyAsync(customer.Token, 7_000_000, idempotencyKey: key);
        using var repeat = await client.ApplyAsync(customer.Token, 7_000_000, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        var firstId = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["loanId"]!.GetValue<string>();
        Assert.Equal(firstId, JsonNode.Parse(await repeat.Content.ReadAsStringAsync())!["loanId"]!.GetValue<string>());

        using var otherBody = await client.ApplyAsync(customer.Token, 8_000_000, idempotencyKey: key);
        Assert.Equal("idempotency-key-reused", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(otherBody, HttpStatusCode.UnprocessableEntity)));

        var mine = await client.SendOkAsync(HttpMethod.Get, "/loans", null, customer.Token);
        Assert.Single(mine.AsArray());
    }

    [Fact]
    public async Task Duplicates_racing_with_one_key_create_one_loan_and_another_customers_same_key_is_their_own()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var other = await client.RegisterVerifiedCustomerAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await client.ApplyAsync(customer.Token, 6_000_000, idempotencyKey: key);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            return response.StatusCode == HttpStatusCode.Accepted ? body["loanId"]!.GetValue<string>() : PlatformClient.TypeOf(body);
        }));
        var loanId = Assert.Single(answers.Distinct());
        Assert.Equal(loanId, Assert.Single((await client.SendOkAsync(HttpMethod.Get, "/loans", null, customer.Token)).AsArray())!["loanId"]!.GetValue<string>());

        using var theirs = await client.ApplyAsync(other.Token, 6_000_000, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Accepted, theirs.StatusCode);
        Assert.NotEqual(loanId, JsonNode.Parse(await theirs.Content.ReadAsStringAsync())!["loanId"]!.GetValue<string>());
    }
}
