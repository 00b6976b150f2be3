using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.DurableTask;

namespace LoanPlatform.Loans.Activities;

/// <summary>Ends an application nobody decided in time. A thin adapter: the Function app's [ActivityTrigger] calls the same service method.</summary>
[DurableTask(LoanApprovalTaskNames.ExpireApplication)]
public sealed class ExpireApplicationActivity(LoanProgressService progress) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        await progress.ExpireAsync(input, CancellationToken.None);
        return true;
    }
}
