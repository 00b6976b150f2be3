using System.Net;
using LoanPlatform.Testing;
using MimeKit;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>An officer may send an application back for more information; the stage pauses until the applicant answers.</summary>
public sealed class ReferralTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task A_referred_application_waits_for_the_applicant_then_resumes_for_staff_and_can_be_approved()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 9_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        var officer = await client.LoginStaffAsync("officer1@staff.local");

        using (var noReason = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "refer" }, officer))
        {
            await PlatformClient.ReadProblemAsync(noReason, HttpStatusCode.BadRequest);
        }

        using (var notReferred = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/information", new { message = "Slip gaji terlampir" }, customer.Token))
        {
            Assert.Equal("not-referred", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(notReferred, HttpStatusCode.Conflict)));
        }

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "refer", reason = "Please send your latest payslip" }, officer);
        await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["waitingForRole"]?.GetValue<string>() == "Applicant");

        // The applicant hears of it, or the referral would lapse unseen: an email naming the loan and the deadline.
        var outbox = Path.Combine(fixture.Running.DataPath, "notifications", "outbox");
        var email = await Eventually.ArrivesAsync(async () =>
        {
            foreach (var file in Directory.Exists(outbox) ? Directory.EnumerateFiles(outbox, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.Subject == "Kami memerlukan informasi tambahan untuk pengajuan pinjaman Anda" && message.TextBody?.Contains(loanId, StringComparison.Ordinal) == true)
                {
                    return message;
                }
            }

            return null;
        });
        Assert.Equal(customer.Email, email.To.Mailboxes.Single().Address);
        Assert.Contains(" WIB", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("payslip", email.TextBody, StringComparison.Ordinal);

        using (var staffWhileReferred = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer))
        {
            Assert.Equal("awaiting-applicant", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(staffWhileReferred, HttpStatusCode.Conflict)));
        }

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/information", new { message = "Slip gaji terlampir di dokumen" }, customer.Token);
        await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["waitingForRole"]?.GetValue<string>() == "LoanOfficer");

        // The referring officer may still approve: a referral is not an approval, so four eyes are not spent.
        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer);
        await client.WaitForStatusAsync(loanId, customer.Token, "approved");

        var history = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}/history", null, customer.Token);
        var events = history.AsArray().Select(h => h!["event"]!.GetValue<string>()).ToArray();
        Assert.Equal(["ReferredToApplicant", "InformationProvided", "StageApproved", "Approved"], events[^4..]);
        Assert.Equal("Please send your latest payslip", history.AsArray().Single(h => h!["event"]!.GetValue<string>() == "ReferredToApplicant")!["comment"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_officers_deciding_the_same_stage_at_once_get_one_acceptance_and_one_conflict()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 4_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        var officer1 = await client.LoginStaffAsync("officer1@staff.local");
        var officer2 = await client.LoginStaffAsync("officer2@staff.local");

        var responses = await Task.WhenAll(
            client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer1),
            client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "reject", reason = "Duplicate application" }, officer2));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains(PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(loser, HttpStatusCode.Conflict)), new[] { "decision-in-progress", "not-awaiting-decision" });
        var winner = responses[0].StatusCode == HttpStatusCode.Accepted ? "approved" : "rejected";
        await client.WaitForStatusAsync(loanId, customer.Token, winner);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
