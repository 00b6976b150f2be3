using LoanPlatform.Loans.Orchestrations;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>Orchestration history holds personal data: it is purged after the retention period, the loan record is not.</summary>
public sealed class OrchestrationPurgeTests
{
    [Fact]
    public async Task A_finished_loans_orchestration_history_is_purged_after_retention_while_its_record_and_timeline_stay()
    {
        await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Loans:OrchestrationHistoryRetention"] = "00:00:00",
            ["Loans:OrchestrationPurgeInterval"] = "00:00:00.5",
        });
        using var client = running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 6_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        var engine = running.Platform.ServiceProviders["loans"].GetRequiredService<LoanWorkflowEngine>();
        Assert.True(await engine.ExistsAsync(loanId, CancellationToken.None), "an open loan's orchestration is never purged");

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer1@staff.local"));
        await client.WaitForStatusAsync(loanId, customer.Token, "approved");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await engine.ExistsAsync(loanId, CancellationToken.None))
        {
            Assert.True(DateTime.UtcNow < deadline, "the finished orchestration was not purged");
            await Task.Delay(200);
        }

        var history = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}/history", null, customer.Token);
        Assert.Equal("Approved", history.AsArray()[^1]!["event"]!.GetValue<string>());
    }
}
