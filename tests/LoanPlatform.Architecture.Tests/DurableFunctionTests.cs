using System.Collections;
using System.Reflection;
using LoanPlatform.Loans.Orchestrations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace LoanPlatform.Architecture.Tests;

/// <summary>The Function app's orchestration and activities answer to the names the orchestration calls and the local engine registers.</summary>
public sealed class DurableFunctionTests
{
    [Fact]
    public void The_orchestrator_function_has_the_orchestration_name()
    {
        var orchestrators = FunctionNamesWith<OrchestrationTriggerAttribute>();

        Assert.Equal([LoanApprovalTaskNames.Orchestration], orchestrators);
        Assert.Equal(RegisteredNames("Orchestrators"), orchestrators);
    }

    [Fact]
    public void The_activity_functions_are_the_activities_the_local_registry_registers()
    {
        var activities = FunctionNamesWith<ActivityTriggerAttribute>();

        Assert.Equal(LoanApprovalTaskNames.Activities.Order(), activities);
        Assert.Equal(RegisteredNames("Activities"), activities);
    }

    [Fact]
    public void Host_json_stamps_new_instances_with_the_orchestrators_current_version_and_never_fails_an_unknown_one()
    {
        // host.json comes with the Function apps this project references.
        var durableTask = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!["extensions"]!["durableTask"]!;

        Assert.Equal(LoanApprovalOrchestration.Version, durableTask["defaultVersion"]!.GetValue<string>());
        Assert.Equal("CurrentOrOlder", durableTask["versionMatchStrategy"]!.GetValue<string>());
        Assert.Equal("Reject", durableTask["versionFailureStrategy"]!.GetValue<string>());
    }

    private static string[] FunctionNamesWith<TTrigger>()
        where TTrigger : Attribute =>
        FunctionApps.Functions().Where(f => FunctionApps.TriggersOf<TTrigger>(f.Method).Any()).Select(f => f.Name).Order().ToArray();

    /// <summary>DurableTaskRegistry keeps its registrations (name → factory pairs) internal; reading them beats keeping a third list of names.</summary>
    private static string[] RegisteredNames(string registrations)
    {
        var registry = new DurableTaskRegistry().AddLoanApprovalTasks();
        var property = typeof(DurableTaskRegistry).GetProperty(registrations, BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"DurableTaskRegistry.{registrations} is gone; compare another way.");
        return ((IEnumerable)property.GetValue(registry)!).Cast<object>()
            .Select(entry => (TaskName)entry.GetType().GetProperty("Key")!.GetValue(entry)!)
            .Select(name => name.Name).Order().ToArray();
    }
}
