using LoanPlatform.Testing;

namespace LoanPlatform.ApiClient.Tests;

/// <summary>
/// The clients under Generated/ are what Kiota (a local dotnet tool pinned in .config/dotnet-tools.json) generates from
/// the documents the platform serves now. When the API changes, regenerate them with
/// <c>LOANPLATFORM_REGENERATE_CLIENTS=1 dotnet test tests/LoanPlatform.ApiClient.Tests</c> and review the diff: it is
/// what every client team will see.
/// </summary>
[Collection(ApiDocumentsCollection.Name)]
public sealed class GeneratedClientDriftTests(ApiDocumentsFixture documents)
{
    private static readonly string Committed = Path.Combine(RepositoryPaths.Root, "tests", "LoanPlatform.ApiClient.Tests", "Generated");

    [Theory]
    [InlineData("auth", "Auth")]
    [InlineData("users", "Users")]
    [InlineData("loans", "Loans")]
    public async Task The_committed_client_is_what_kiota_generates_from_the_served_document(string service, string name)
    {
        var output = Path.Combine(documents.Folder, "kiota", name);
        var run = await ToolRun.RunAsync("dotnet", [
            "kiota", "generate", "--language", "CSharp", "--openapi", documents.PathOf(service), "--output", output,
            "--class-name", name + "Client", "--namespace-name", $"LoanPlatform.ApiClient.Tests.Generated.{name}",
            "--clean-output", "--log-level", "Warning",
        ], new Dictionary<string, string> { ["KIOTA_OFFLINE_ENABLED"] = "true", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        Assert.True(run.ExitCode == 0, $"kiota generate failed (is `dotnet tool restore` done?):\n{run.Output}");

        var generated = Files(output);
        var committed = Path.Combine(Committed, name);
        if (Environment.GetEnvironmentVariable("LOANPLATFORM_REGENERATE_CLIENTS") == "1")
        {
            Replace(committed, output, generated.Keys);
            return;
        }

        var kept = Files(committed);
        Assert.Equal(generated.Keys.Order(), kept.Keys.Order());
        foreach (var (file, text) in generated)
        {
            Assert.True(text == kept[file], $"Generated/{name}/{file} differs from a fresh generation: the {service} document changed. Regenerate (see this class).");
        }
    }

    /// <summary>Source files by path relative to <paramref name="root"/>; the lock file (where the document was read) and the log are not kept.</summary>
    private static Dictionary<string, string> Files(string root) => Directory.Exists(root)
        ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not ("kiota-lock.json" or ".kiota.log"))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText)
        : [];

    private static void Replace(string committed, string generated, IEnumerable<string> files)
    {
        if (Directory.Exists(committed))
        {
            Directory.Delete(committed, recursive: true);
        }

        foreach (var file in files)
        {
            var target = Path.Combine(committed, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(generated, file), target);
        }
    }
}
