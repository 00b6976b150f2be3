namespace LoanPlatform.EndToEnd.Tests;

/// <summary>SLA timers with one workflow hour lasting 50 ms: a 24-hour stage SLA fires after 1.2 s.</summary>
public sealed class SlaTests
{
    [Fact]
    public async Task An_undecided_stage_escalates_to_the_next_role_and_then_expires()
    {
        await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?> { ["Loans:SlaHour"] = "00:00:00.05" });
        using var client = running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);

        var escalated = await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["escalated"]?.GetValue<bool>() == true);
        Assert.Equal("SeniorLoanOfficer", escalated["currentStage"]!["waitingForRole"]!.GetValue<string>());

        await client.WaitForStatusAsync(loanId, customer.Token, "expired");
        var history = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}/history", null, customer.Token);
        Assert.Equal(["StageOpened", "Escalated", "Expired"], history.AsArray().Select(h => h!["event"]!.GetValue<string>()).Skip(3));
    }

    [Fact]
    public async Task An_escalated_stage_waits_for_the_escalation_role_and_not_the_original_one()
    {
        // A one-hour first stage and a long escalation window.
        await using var running = await StartWithFirstStageTimingsAsync("\"slaHours\": 1, \"escalateToRole\": \"SeniorLoanOfficer\", \"escalationSlaHours\": 1000, \"referralResponseHours\": 72");
        using var client = running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
        await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["escalated"]?.GetValue<bool>() == true);

        using (var officer = await client.SendAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer1@staff.local")))
        {
            Assert.Equal("wrong-role", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(officer, System.Net.HttpStatusCode.Forbidden)));
        }

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("senior@staff.local"));
        var approved = await client.WaitForStatusAsync(loanId, customer.Token, "approved");
        // The applicant sees who decided by role, never by staff id.
        Assert.Equal("SeniorLoanOfficer", approved["stages"]![0]!["decidedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_referral_the_applicant_never_answers_expires_the_application()
    {
        // A long first stage and a one-hour referral window.
        await using var running = await StartWithFirstStageTimingsAsync("\"slaHours\": 1000, \"escalateToRole\": \"SeniorLoanOfficer\", \"escalationSlaHours\": 24, \"referralResponseHours\": 1");        using var client = running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");

        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "refer", reason = "Send your payslip" }, await client.LoginStaffAsync("officer1@staff.local"));

        await client.WaitForStatusAsync(loanId, customer.Token, "expired");
        var history = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}/history", null, customer.Token);
        Assert.Equal("The applicant did not provide the requested information in time.", history.AsArray()[^1]!["comment"]!.GetValue<string>());
    }

    /// <summary>A platform whose SLA hour lasts a second, on a copy of the shipped definitions with other first-stage timings.</summary>
    private static Task<RunningPlatform> StartWithFirstStageTimingsAsync(string firstStageTimings) =>
        RunningPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Loans:SlaHour"] = "00:00:01",
            ["Loans:WorkflowsPath"] = WorkflowsWith(firstStageTimings),
        });

    private static string WorkflowsWith(string firstStageTimings)
    {
        var workflows = Path.Combine(Path.GetTempPath(), "loanplatform-workflows-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), workflows);
        var cashLoan = Path.Combine(workflows, "cash-loan.json");
        var shipped = "\"slaHours\": 24, \"escalateToRole\": \"SeniorLoanOfficer\", \"escalationSlaHours\": 24, \"referralResponseHours\": 72";
        var text = File.ReadAllText(cashLoan);
        Assert.Contains(shipped, text, StringComparison.Ordinal);
        File.WriteAllText(cashLoan, text.Replace(shipped, firstStageTimings, StringComparison.Ordinal));
        return workflows;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
