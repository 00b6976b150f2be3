using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Loans.Tests;

/// <summary>
/// The sweep both hosts share for loans whose submission died before starting the orchestration, on the embedded store
/// and a real Durable Task client (the in-process test host, with an orchestrator that only waits).
/// </summary>
public sealed class StartUnstartedLoansTests : IAsyncLifetime
{
    private EmbeddedLoansHost _host = null!;
    private DurableTaskTestHost _durable = null!;

    private LoanWorkflowEngine Engine => new(_durable.Client);

    public async Task InitializeAsync()
    {
        _host = await EmbeddedLoansHost.StartAsync(services => services.AddSingleton<LoanRehydrator>());
        _durable = await DurableTaskTestHost.StartAsync(registry =>
            registry.AddOrchestratorFunc(LoanApprovalTaskNames.Orchestration, (TaskOrchestrationContext context) => context.WaitForExternalEvent<bool>("never")));
    }

    public async Task DisposeAsync()
    {
        await _durable.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Only_an_open_loan_without_an_orchestration_whose_submission_is_past_its_time_is_started()
    {
        var abandoned = await StoreLoanAsync(LoanStatus.Submitted, submittedAgo: TimeSpan.FromMinutes(5));
        var beingSubmitted = await StoreLoanAsync(LoanStatus.Submitted, submittedAgo: TimeSpan.Zero);
        var finished = await StoreLoanAsync(LoanStatus.Rejected, submittedAgo: TimeSpan.FromMinutes(5));
        var running = await StoreLoanAsync(LoanStatus.PendingApproval, submittedAgo: TimeSpan.FromMinutes(5));
        await Engine.StartAsync(running, CancellationToken.None);

        var started = await _host.Services.GetRequiredService<LoanRehydrator>().StartUnstartedAsync(Engine, CancellationToken.None);

        Assert.Equal(1, started);
        Assert.True(await Engine.ExistsAsync(abandoned, CancellationToken.None));
        Assert.False(await Engine.ExistsAsync(beingSubmitted, CancellationToken.None));
        Assert.False(await Engine.ExistsAsync(finished, CancellationToken.None));
        // A second sweep finds every instance in place.
        Assert.Equal(0, await _host.Services.GetRequiredService<LoanRehydrator>().StartUnstartedAsync(Engine, CancellationToken.None));
    }

    private async Task<string> StoreLoanAsync(LoanStatus status, TimeSpan submittedAgo)
    {
        var id = Guid.NewGuid().ToString("N");
        await _host.Services.GetRequiredService<LoanRepository>().CreateAsync(new LoanApplication
        {
            LoanId = id,
            ApplicantId = "customer-" + id,
            Product = "cash-loan",
            WorkflowVersion = 1,
            Amount = 10_000_000,
            TenorMonths = 12,
            Purpose = "Test",
            MonthlyIncome = 20_000_000,
            Status = status,
            SubmittedAt = DateTimeOffset.UtcNow - submittedAgo,
            Stages = [new ApprovalStage { Name = "officer-review", Role = PlatformRoles.LoanOfficer, SlaHours = 24, Deadline = DateTimeOffset.UtcNow.AddHours(1) }],
        }, CancellationToken.None);
        return id;
    }
}
