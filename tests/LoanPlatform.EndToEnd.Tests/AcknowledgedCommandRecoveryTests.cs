using System.Net;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using LoanPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>
/// Regression tests for commands the API acknowledged but the in-memory engine lost with the process: the decision is
/// on the loan document (the API stores it before answering 202), its event was only in the engine's memory. After the
/// restart the re-hydrated orchestration finds the recorded command and applies it, once.
/// </summary>
public sealed class AcknowledgedCommandRecoveryTests(SmtpCaptureFixture smtp) : IClassFixture<SmtpCaptureFixture>
{
    [Fact]
    public async Task A_decision_answered_202_but_not_consumed_before_the_process_died_decides_the_loan_after_the_restart_and_the_customer_is_told_once()
    {
        await using var running = await StartAsync();
        var (loanId, customer) = await PendingLoanAsync(running);

        // What POST /loans/{id}/decisions writes before its 202; the raised event died with the engine.
        var loans = running.Platform.ServiceProviders["loans"].GetRequiredService<LoanRepository>();
        await loans.UpdateAsync(loanId, loan => loan with
        {
            PendingDecision = new PendingDecision(Guid.NewGuid().ToString("N"), "staff-officer1", "LoanOfficer", DecisionKind.Approve, null, null, loan.CurrentStage, loan.WaitRound, DateTimeOffset.UtcNow),
        }, CancellationToken.None);
        using var client = await RestartAndAssertApprovedOnceAsync(running, loanId, customer);

        // An officer trying again learns the loan is decided, not that a decision is "already being processed".
        using var retry = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer2@staff.local"));
        var problem = await PlatformClient.ReadProblemAsync(retry, HttpStatusCode.Conflict);
        Assert.Equal("not-awaiting-decision", PlatformClient.TypeOf(problem));
    }

    [Fact]
    public async Task A_decision_applied_just_before_the_process_died_completes_the_loan_after_the_restart_without_applying_it_again()
    {
        await using var running = await StartAsync();
        var (loanId, customer) = await PendingLoanAsync(running);

        // The ApplyDecision activity ran (its own code), but the orchestration never saw its result.
        var services = running.Platform.ServiceProviders["loans"];
        var loan = (await services.GetRequiredService<LoanRepository>().FindAsync(loanId, CancellationToken.None))!.Value;
        await using (var scope = services.CreateAsyncScope())
        {
            var decision = new PendingDecision(Guid.NewGuid().ToString("N"), "staff-officer1", "LoanOfficer", DecisionKind.Approve, null, null, loan.CurrentStage, loan.WaitRound, DateTimeOffset.UtcNow);
            Assert.Equal(DecisionOutcome.StageApproved, await scope.ServiceProvider.GetRequiredService<LoanProgressService>().ApplyDecisionAsync(new ApplyDecisionInput(loanId, decision), CancellationToken.None));
        }

        using var client = await RestartAndAssertApprovedOnceAsync(running, loanId, customer);
    }

    /// <summary>The process dies (the in-memory engine with it) and starts again: the loan ends approved, once, and the customer is told once.</summary>
    private async Task<PlatformClient> RestartAndAssertApprovedOnceAsync(RunningPlatform running, string loanId, PlatformClient.Customer customer)
    {
        await running.StopAsync();
        await running.StartAgainAsync();

        var client = running.CreateClient();
        await client.WaitForStatusAsync(loanId, customer.Token, "approved");
        var history = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}/history", null, customer.Token);
        Assert.Single(history.AsArray(), entry => entry!["event"]!.GetValue<string>() == "StageApproved");
        Assert.Single(history.AsArray(), entry => entry!["event"]!.GetValue<string>() == "Approved");
        await AssertToldOnceAsync(customer.Email);
        return client;
    }

    private async Task<RunningPlatform> StartAsync()
    {
        var running = await RunningPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:RequireTls"] = "false",
        });
        running.InboxFolder = smtp.Folder;
        return running;
    }

    private static async Task<(string LoanId, PlatformClient.Customer Customer)> PendingLoanAsync(RunningPlatform running)
    {
        using var client = running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 12_000_000);
        await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["deadline"] is not null);
        return (loanId, customer);
    }

    /// <summary>The approval email reaches the customer, and a little later still only once.</summary>
    private async Task AssertToldOnceAsync(string email)
    {
        async Task<int> ApprovalsAsync()
        {
            var count = 0;
            foreach (var file in Directory.Exists(smtp.Folder) ? Directory.EnumerateFiles(smtp.Folder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                count += message.To.Mailboxes.Any(m => m.Address == email) && message.Subject == "Pinjaman Anda disetujui" ? 1 : 0;
            }

            return count;
        }

        await Eventually.ArrivesAsync(async () => await ApprovalsAsync() > 0 ? "arrived" : null);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await ApprovalsAsync());
    }
}
