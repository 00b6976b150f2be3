using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.EndToEnd.Tests.Upgrade;

/// <summary>
/// A release that changes the workflow meets loans the previous release started. On the Azure Storage backend (over
/// Azurite, as Durable Functions keeps state in Azure) the released orchestrator records histories of waiting loans; the
/// current one — whose steps no longer line up with those histories: version 2 added an activity before each wait
/// (FindRecordedDecision), version 3 drops the first wait's OpenStage and FindRecordedDecision, version 4 drops
/// ApplyDecision after an approval the API applied, version 5 drops CompleteApproval after a last stage the API approved —
/// takes over after a restart. Versioning keeps each instance on the code path of the version it
/// started with: every loan is decided once and no instance fails.
/// </summary>
[Collection(nameof(AzureStorageRestartTests))]
public sealed class UpgradeWhileLoansWaitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <param name="releasedVersion">The version the released code stamped: none (before versioning) or "2" (the release
    /// before the first wait started from scoring's answer) or "3" (the release before an approval the API applied was
    /// taken as applied) or "4" (the release before a last approval the API applied ended the orchestration), each with
    /// its frozen orchestrator.</param>
    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("4")]
    public async Task Loans_waiting_under_the_released_orchestrator_are_decided_once_by_the_changed_one_and_no_instance_fails(string releasedVersion)
    {
        await using var running = await RunningPlatformOnReleasedCodeAsync(releasedVersion);
        var waiting = new List<(string LoanId, PlatformClient.Customer Customer)>();
        using (var client = running.CreateClient())
        {
            for (var i = 0; i < 3; i++)
            {
                var customer = await client.RegisterVerifiedCustomerAsync();
                var loanId = await client.ApplyOkAsync(customer.Token, 11_000_000 + i * 1_000_000);
                await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["deadline"] is not null, TimeSpan.FromSeconds(60));
                waiting.Add((loanId, customer));
            }
        }

        // The deployment: the current release, with versioning as host.json configures it in Azure.
        await running.StopAsync();
        running.DurableTasks = null;
        running.Configure(new Dictionary<string, string?> { ["Durable:DefaultVersion"] = null });
        await running.StartAgainAsync();

        using (var client = running.CreateClient())
        {
            var customer = await client.RegisterVerifiedCustomerAsync();
            var started = await client.ApplyOkAsync(customer.Token, 14_000_000);
            await client.WaitForLoanAsync(started, customer.Token, loan => loan["currentStage"]?["deadline"] is not null, TimeSpan.FromSeconds(60));
            waiting.Add((started, customer));

            var officer = await client.LoginStaffAsync("officer1@staff.local");
            foreach (var (loanId, _) in waiting)
            {
                await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer);
            }

            foreach (var (loanId, owner) in waiting)
            {
                await client.WaitForStatusAsync(loanId, owner.Token, "approved", TimeSpan.FromSeconds(90));
                var history = (await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}/history", null, owner.Token)).AsArray();
                Assert.Single(history, entry => entry!["event"]!.GetValue<string>() == "StageApproved");
                Assert.Single(history, entry => entry!["event"]!.GetValue<string>() == "Approved");
            }
        }

        var engine = running.Platform.ServiceProviders["loans"].GetRequiredService<DurableTaskClient>();
        foreach (var (loanId, _) in waiting)
        {
            var instance = await engine.WaitForInstanceCompletionAsync(loanId, getInputsAndOutputs: false, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        }
    }

    /// <summary>The platform as a previous release ran it: its orchestrator, and instances started with its version.</summary>
    private Task<RunningPlatform> RunningPlatformOnReleasedCodeAsync(string releasedVersion) => RunningPlatform.StartAsync(
        new Dictionary<string, string?>
        {
            ["Durable:Backend"] = "AzureStorage",
            ["Durable:AzureStorageConnectionString"] = azurite.ConnectionString,
            ["Durable:TaskHubName"] = "upgrade" + Guid.NewGuid().ToString("N")[..8],
            ["Durable:DefaultVersion"] = releasedVersion,
        },
        registry => (releasedVersion switch
        {
            "" => registry.AddOrchestrator<ReleasedLoanApprovalOrchestration>(),
            "2" => registry.AddOrchestrator<ReleasedVersion2LoanApprovalOrchestration>(),
            "3" => registry.AddOrchestrator<ReleasedVersion3LoanApprovalOrchestration>(),
            _ => registry.AddOrchestrator<ReleasedVersion4LoanApprovalOrchestration>(),
        }).AddLoanApprovalActivities());
}
