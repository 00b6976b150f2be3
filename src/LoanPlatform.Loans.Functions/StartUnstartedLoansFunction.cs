using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LoanPlatform.Loans.Functions;

/// <summary>
/// Every five minutes, starts the orchestration of a loan whose submission died before starting it: what the local host
/// does at each start, here where no start re-hydrates (Durable Functions keeps every instance that did start).
/// </summary>
public sealed class StartUnstartedLoansFunction(LoanRehydrator rehydrator)
{
    [Function("StartUnstartedLoans")]
    public Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        rehydrator.StartUnstartedAsync(new LoanWorkflowEngine(client), cancellationToken);
}
