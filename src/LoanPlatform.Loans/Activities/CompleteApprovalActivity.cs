using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.DurableTask;

namespace LoanPlatform.Loans.Activities;

/// <summary>Approves the loan with its repayment schedule. A thin adapter: the Function app's [ActivityTrigger] calls the same service method.</summary>
[DurableTask(LoanApprovalTaskNames.CompleteApproval)]
public sealed class CompleteApprovalActivity(LoanProgressService progress) : TaskActivity<string, LoanStatus>
{
    public override Task<LoanStatus> RunAsync(TaskActivityContext context, string input) => progress.CompleteApprovalAsync(input, CancellationToken.None);
}
