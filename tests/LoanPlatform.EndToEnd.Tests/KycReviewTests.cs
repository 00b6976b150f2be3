using System.Net;
using System.Text.Json.Nodes;
using LoanPlatform.Testing;
using MimeKit;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>
/// Identity verification as a decision with evidence, through the gateway: uploads put the customer in review, an officer
/// decides from the identity data and the very bytes uploaded, the customer is told, and only then may borrow.
/// </summary>
public sealed class KycReviewTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task An_officer_verifies_a_customer_from_their_documents_and_the_customer_is_told_and_may_apply()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterAsync("en");
        var uploaded = await client.UploadIdentityDocumentsAsync(customer);

        Assert.Equal("pendingReview", (await KycOfAsync(client, customer))["status"]!.GetValue<string>());
        using (var refused = await client.ApplyAsync(customer.Token, 10_000_000))
        {
            Assert.Equal("kyc-not-verified", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(refused, HttpStatusCode.Conflict)));
        }

        var officer = await client.LoginStaffAsync("officer1@staff.local");
        var queued = await FindInQueueAsync(client, officer, customer.UserId);
        Assert.Equal("Siti Rahayu", queued["fullName"]!.GetValue<string>());

        var review = await client.SendOkAsync(HttpMethod.Get, $"/users/{customer.UserId}/kyc", null, officer);
        Assert.Equal(16, review["nik"]!.GetValue<string>().Length);
        Assert.Equal("1990-06-05", review["dateOfBirth"]!.GetValue<string>());
        Assert.Equal("pendingReview", review["status"]!.GetValue<string>());
        var documents = review["documents"]!.AsArray();
        Assert.Equal(["ktp", "selfie"], documents.Select(d => d!["type"]!.GetValue<string>()));
        foreach (var document in documents)
        {
            var expected = uploaded.Single(u => u.DocumentId == document!["documentId"]!.GetValue<string>()).Content;
            Assert.InRange(document!["readUrlExpiresAt"]!.GetValue<DateTimeOffset>(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(10));
            using var anonymous = new HttpClient();
            Assert.Equal(expected, await anonymous.GetByteArrayAsync(document["readUrl"]!.GetValue<string>()));
        }

        var decided = await client.SendOkAsync(HttpMethod.Post, $"/users/{customer.UserId}/kyc/decisions", new { decision = "verify", reason = "Face and data match" }, officer);
        Assert.Equal("verified", decided["status"]!.GetValue<string>());
        Assert.Equal("staff-officer1", decided["decision"]!["decidedBy"]!.GetValue<string>());

        var kyc = await KycOfAsync(client, customer);
        Assert.Equal("verified", kyc["status"]!.GetValue<string>());
        Assert.NotNull(kyc["verifiedAt"]);
        var told = await WaitForEmailAsync(customer.Email, "Your identity is verified");
        Assert.Contains("apply for a loan", told.TextBody, StringComparison.Ordinal);

        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
        await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["deadline"] is not null);

        // The decider sees the evidence on the loan itself: score with reasons, who verified the identity, the schedule, the history.
        var evidence = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, officer);
        Assert.Contains(evidence["score"]!["reasons"]!.AsArray(), r => r!["rule"]!.GetValue<string>() == "kyc-verified" && r["passed"]!.GetValue<bool>());
        Assert.Equal("staff-officer1", evidence["kyc"]!["verifiedBy"]!.GetValue<string>());
        Assert.NotNull(evidence["kyc"]!["verifiedAt"]);
        Assert.Equal(12, evidence["schedulePreview"]!.AsArray().Count);
        Assert.Contains(evidence["history"]!.AsArray(), h => h!["event"]!.GetValue<string>() == "Submitted");
        var asApplicant = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, customer.Token);
        Assert.Null(asApplicant["kyc"]);

        // Whoever verified the identity does not also give the loan's only approval; another officer does.
        using (var verifierApproves = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer))
        {
            Assert.Equal("kyc-verifier-sole-approver", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(verifierApproves, HttpStatusCode.Forbidden)));
        }

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer2@staff.local"));
        await client.WaitForStatusAsync(loanId, customer.Token, "approved");
    }

    [Fact]
    public async Task A_rejected_customer_reads_why_in_their_language_and_uploading_again_reopens_the_review()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterAsync("en");
        await client.UploadIdentityDocumentsAsync(customer);
        var officer = await client.LoginStaffAsync("officer2@staff.local");

        var rejected = await client.SendOkAsync(HttpMethod.Post, $"/users/{customer.UserId}/kyc/decisions",
            new { decision = "reject", reason = "The selfie shows someone else", reasonCodes = new[] { "face-mismatch" } }, officer);
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());

        var kyc = await KycOfAsync(client, customer);
        Assert.Equal("rejected", kyc["status"]!.GetValue<string>());
        Assert.Equal(["Your selfie does not match the photo on your KTP."], kyc["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Null(kyc["verifiedAt"]);
        await WaitForEmailAsync(customer.Email, "We could not verify your identity");
        using (var again = await client.SendAsync(HttpMethod.Post, $"/users/{customer.UserId}/kyc/decisions", new { decision = "verify" }, officer))
        {
            Assert.Equal("kyc-not-pending-review", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(again, HttpStatusCode.Conflict)));
        }

        using (var refused = await client.ApplyAsync(customer.Token, 10_000_000))
        {
            await PlatformClient.ReadProblemAsync(refused, HttpStatusCode.Conflict);
        }

        var reuploaded = await client.UploadIdentityDocumentsAsync(customer);

        Assert.Equal("pendingReview", (await KycOfAsync(client, customer))["status"]!.GetValue<string>());
        var review = await client.SendOkAsync(HttpMethod.Get, $"/users/{customer.UserId}/kyc", null, officer);
        Assert.Equal(reuploaded.Select(u => u.DocumentId).Order(), review["documents"]!.AsArray().Select(d => d!["documentId"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task An_officers_second_customer_account_is_refused_the_officers_review_and_loan_decision()
    {
        using var client = fixture.Running.CreateClient();
        var ownAccount = await client.RegisterAsync();
        // The officer registers as a customer with the phone they use at work.
        using (var read = await client.SendAsync(HttpMethod.Get, "/users/me", null, ownAccount.Token))
        {
            await client.SendOkAsync(HttpMethod.Patch, "/users/me", new { phone = "+628110000011" }, ownAccount.Token,
                new Dictionary<string, string> { ["If-Match"] = read.Headers.ETag!.Tag });
        }

        await client.UploadIdentityDocumentsAsync(ownAccount);
        var officer1 = await client.LoginStaffAsync("officer1@staff.local");

        using (var review = await client.SendAsync(HttpMethod.Get, $"/users/{ownAccount.UserId}/kyc", null, officer1))
        {
            var problem = await PlatformClient.ReadProblemAsync(review, HttpStatusCode.Forbidden);
            Assert.Equal("same-person", PlatformClient.TypeOf(problem));
            Assert.Contains("phone", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var decision = await client.SendAsync(HttpMethod.Post, $"/users/{ownAccount.UserId}/kyc/decisions", new { decision = "verify" }, officer1))
        {
            Assert.Equal("same-person", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(decision, HttpStatusCode.Forbidden)));
        }

        await client.SendOkAsync(HttpMethod.Post, $"/users/{ownAccount.UserId}/kyc/decisions", new { decision = "verify" }, await client.LoginStaffAsync(PlatformClient.KycReviewer));
        var loanId = await client.ApplyOkAsync(ownAccount.Token, 10_000_000);
        await client.WaitForLoanAsync(loanId, ownAccount.Token, loan => loan["currentStage"]?["deadline"] is not null);

        using (var ownLoan = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer1))
        {
            Assert.Equal("same-person", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(ownLoan, HttpStatusCode.Forbidden)));
        }

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer2@staff.local"));
        await client.WaitForStatusAsync(loanId, ownAccount.Token, "approved");
    }

    [Fact]
    public async Task Only_reviewing_staff_get_a_customers_documents_and_customers_still_see_only_their_own()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterAsync();
        var uploaded = await client.UploadIdentityDocumentsAsync(customer);
        var other = await client.RegisterAsync();

        foreach (var token in new[] { other.Token, customer.Token, await client.LoginStaffAsync("auditor@staff.local") })
        {
            using var refused = await client.SendAsync(HttpMethod.Get, $"/users/{customer.UserId}/kyc", null, token);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var queue = await client.SendAsync(HttpMethod.Get, "/users/kyc-reviews", null, token);
            Assert.Equal(HttpStatusCode.Forbidden, queue.StatusCode);
        }

        using (var anonymous = await client.SendAsync(HttpMethod.Get, $"/users/{customer.UserId}/kyc"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var someoneElses = await client.SendAsync(HttpMethod.Get, $"/users/me/documents/{uploaded[0].DocumentId}", null, other.Token))
        {
            await PlatformClient.ReadProblemAsync(someoneElses, HttpStatusCode.NotFound);
        }

        var admin = await client.LoginStaffAsync(PlatformClient.KycReviewer);
        var review = await client.SendOkAsync(HttpMethod.Get, $"/users/{customer.UserId}/kyc", null, admin);
        Assert.Equal(2, review["documents"]!.AsArray().Count);
    }

    private static async Task<JsonNode> KycOfAsync(PlatformClient client, PlatformClient.Customer customer) =>
        (await client.SendOkAsync(HttpMethod.Get, "/users/me", null, customer.Token))["kyc"]!;

    /// <summary>Pages through the review queue (oldest first) until <paramref name="userId"/> turns up.</summary>
    private static async Task<JsonNode> FindInQueueAsync(PlatformClient client, string token, string userId)
    {
        string? continuation = null;
        DateTimeOffset? previous = null;
        do
        {
            var page = await client.SendOkAsync(HttpMethod.Get,
                "/users/kyc-reviews?status=pendingReview&pageSize=2" + (continuation is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuation)), null, token);
            foreach (var item in page["items"]!.AsArray())
            {
                var submittedAt = item!["submittedAt"]!.GetValue<DateTimeOffset>();
                Assert.True(previous is null || submittedAt >= previous, "The queue is oldest first.");
                previous = submittedAt;
                if (item["userId"]!.GetValue<string>() == userId)
                {
                    return item;
                }
            }

            continuation = page["continuationToken"]?.GetValue<string>();
        }
        while (continuation is not null);

        throw new Xunit.Sdk.XunitException($"{userId} is not in the review queue.");
    }

    private Task<MimeMessage> WaitForEmailAsync(string to, string subject)
    {
        var outbox = Path.Combine(fixture.Running.DataPath, "notifications", "outbox");
        return Eventually.ArrivesAsync(() => Directory.Exists(outbox)
            ? Directory.EnumerateFiles(outbox, "*.eml").Select(file => MimeMessage.Load(file))
                .FirstOrDefault(message => message.Subject == subject && message.To.Mailboxes.Any(m => m.Address == to))
            : null);
    }
}
