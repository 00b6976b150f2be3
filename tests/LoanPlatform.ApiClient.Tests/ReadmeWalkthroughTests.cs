using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoanPlatform.Testing;

namespace LoanPlatform.ApiClient.Tests;

/// <summary>
/// The README's "A first loan, by hand" block, run as pasted (bash, curl and jq) against a fresh platform; only the
/// gateway address and the email outbox are the test platform's own. It must end with "approved" and the first instalment.
/// </summary>
[Collection(ApiDocumentsCollection.Name)]
public sealed partial class ReadmeWalkthroughTests(ApiDocumentsFixture documents)
{
    [Fact]
    public async Task The_readme_first_loan_walkthrough_ends_approved_with_the_first_instalment()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("### A first loan, by hand", StringComparison.Ordinal)..];
        var script = BashBlock().Match(section).Groups[1].Value;
        const string Gateway = "G=http://localhost:8080\n", Outbox = "OUTBOX=.data/notifications/outbox ";
        Assert.Contains(Gateway, script, StringComparison.Ordinal);
        Assert.Contains(Outbox, script, StringComparison.Ordinal);
        script = script
            .Replace(Gateway, $"G={documents.Running.GatewayUrl}\n", StringComparison.Ordinal)
            .Replace(Outbox, $"OUTBOX={documents.Running.Inbox.Folder} ", StringComparison.Ordinal);

        var run = await ToolRun.RunAsync("bash", ["-euo", "pipefail", "-c", script],
            new Dictionary<string, string> { ["LOCAL_STAFF_PASSWORD"] = RunningPlatform.StaffPassword });

        Assert.True(run.ExitCode == 0, run.Output);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length >= 3, run.Output);
        Assert.Contains("\"verificationSent\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"userId\"", lines[1], StringComparison.Ordinal);
        Assert.True(lines.Count(line => line == "\"verified\"") >= 2, run.Output);
        Assert.Equal("\"approved\"", lines[^2]);
        var firstInstalment = JsonNode.Parse(lines[^1])!;
        Assert.Equal(1, firstInstalment["number"]!.GetValue<int>());
        Assert.True(firstInstalment["total"]!.GetValue<long>() > 0, lines[^1]);
    }

    [GeneratedRegex("```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
