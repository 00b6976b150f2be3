using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Architecture.Tests;

/// <summary>The Azure side of the start-up sweep: a timer function with a Durable client, built into the Loans app's metadata.</summary>
public sealed class StartUnstartedLoansFunctionTests
{
    [Fact]
    public void The_loans_app_runs_the_shared_sweep_on_a_timer_with_a_durable_client()
    {
        var function = Assert.Single(FunctionApps.Functions(), f => f.Name == "StartUnstartedLoans");

        Assert.Equal(typeof(Loans.Functions.StartUnstartedLoansFunction), function.Method.DeclaringType);
        Assert.NotEmpty(FunctionApps.TriggersOf<TimerTriggerAttribute>(function.Method));
        Assert.NotEmpty(FunctionApps.TriggersOf<DurableClientAttribute>(function.Method));
        // Its one dependency is the shared domain service the local host calls at start.
        Assert.Equal([typeof(Loans.Services.LoanRehydrator)], typeof(Loans.Functions.StartUnstartedLoansFunction).GetConstructors().Single().GetParameters().Select(p => p.ParameterType));

        var bindings = FunctionApps.Metadata("Loans").Single(f => f!["name"]!.GetValue<string>() == "StartUnstartedLoans")!["bindings"]!.AsArray()
            .Select(b => b!["type"]!.GetValue<string>()).Order();
        Assert.Equal(["durableClient", "timerTrigger"], bindings);
    }
}
