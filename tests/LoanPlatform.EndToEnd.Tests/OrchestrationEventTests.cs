using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>How the approval orchestration treats events that do not arrive at the moment it waits for them.</summary>
public sealed class OrchestrationEventTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task A_decision_raised_before_the_orchestration_reaches_its_wait_is_buffered_and_applied()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var engine = fixture.Running.Platform.ServiceProviders["loans"].GetRequiredService<LoanWorkflowEngine>();

        var loanId = await client.ApplyOkAsync(customer.Token, 5_000_000);
        // Raised straight away, while the orchestration is still scoring: the first stage's first wait will be round 1.
        await engine.RaiseDecisionAsync(loanId, new PendingDecision("early-decision", "staff-officer2", "LoanOfficer", DecisionKind.Approve, "Decided early", null, 0, 1, DateTimeOffset.UtcNow), CancellationToken.None);

        await client.WaitForStatusAsync(loanId, customer.Token, "approved");
        var asStaff = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, await client.LoginStaffAsync("officer1@staff.local"));
        Assert.Equal("staff-officer2", asStaff["stages"]![0]!["decidedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_decision_for_a_wait_that_is_over_is_not_applied()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var engine = fixture.Running.Platform.ServiceProviders["loans"].GetRequiredService<LoanWorkflowEngine>();
        var loanId = await client.ApplyOkAsync(customer.Token, 5_000_000);
        await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["deadline"] is not null);

        // An approval addressed to a round that never opened (a stale or forged event) has its own event name and is never received.
        await engine.RaiseDecisionAsync(loanId, new PendingDecision("stale", "staff-officer2", "LoanOfficer", DecisionKind.Approve, null, null, 0, 7, DateTimeOffset.UtcNow), CancellationToken.None);
        await Task.Delay(1000);

        var loan = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, customer.Token);
        Assert.Equal("pendingApproval", loan["status"]!.GetValue<string>());
        Assert.Null(loan["stages"]![0]!["decidedBy"]);
    }
}
