using System.Text.Json.Nodes;
using LoanPlatform.Testing;

namespace LoanPlatform.ApiClient.Tests;

/// <summary>
/// The documents a client team downloads pass Redocly's recommended rules (redocly.yaml) without a single error or
/// warning. Redocly CLI is pinned in package.json and installed by `npm ci`.
/// </summary>
[Collection(ApiDocumentsCollection.Name)]
public sealed class ApiDocumentLintTests(ApiDocumentsFixture documents)
{
    [Theory]
    [InlineData("auth")]
    [InlineData("users")]
    [InlineData("loans")]
    public async Task The_served_document_passes_redocly_recommended_rules_with_no_errors_or_warnings(string service)
    {
        var cli = Path.Combine(RepositoryPaths.NodeModules, "@redocly", "cli", "bin", "cli.js");

        var run = await ToolRun.RunAsync("node", [
            cli, "lint", documents.PathOf(service),
            "--config", Path.Combine(RepositoryPaths.Root, "redocly.yaml"), "--format", "json",
        ], new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });

        var result = JsonNode.Parse(run.StandardOutput.Length > 0 ? run.StandardOutput : "null") ?? throw new Xunit.Sdk.XunitException(run.Output);
        var problems = string.Join("\n", result["problems"]!.AsArray().Select(p =>
            $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]} ({p["location"]?[0]?["source"]?["ref"]})"));
        Assert.True(result["totals"]!["errors"]!.GetValue<int>() == 0 && result["totals"]!["warnings"]!.GetValue<int>() == 0, problems);
        Assert.Equal(0, run.ExitCode);
    }
}
