namespace LoanPlatform.Infrastructure.Tests;

public class AzureYamlTests
{
    private static readonly string AzureYaml = File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "azure.yaml"));

    [Theory]
    [InlineData("auth", "Auth")]
    [InlineData("users", "Users")]
    [InlineData("loans", "Loans")]
    [InlineData("notifications", "Notifications")]
    public void Each_function_app_is_an_azd_service(string service, string project)
    {
        var lines = AzureYaml.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.IndexOf($"  {service}:");
        Assert.True(start >= 0, $"azure.yaml has no service {service}");
        var block = lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();

        Assert.Contains($"project: ./src/LoanPlatform.{project}.Functions", block);
        Assert.Contains("language: dotnet", block);
        Assert.Contains("host: function", block);
    }

    [Fact]
    public void The_officer_console_is_an_azd_app_service()
    {
        var lines = AzureYaml.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.IndexOf("  console:");
        Assert.True(start >= 0, "azure.yaml has no service console");
        var block = lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();

        Assert.Contains("project: ./src/LoanPlatform.Console", block);
        Assert.Contains("language: dotnet", block);
        Assert.Contains("host: appservice", block);
    }

    [Fact]
    public void Azure_yaml_points_at_the_bicep_and_runs_the_post_provision_hook()
    {
        Assert.StartsWith("# yaml-language-server: $schema=", AzureYaml, StringComparison.Ordinal);
        Assert.Contains("postprovision:", AzureYaml, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(BicepCli.RepositoryRoot, "infra", "hooks", "postprovision.sh")));
        Assert.True(File.Exists(Path.Combine(BicepCli.RepositoryRoot, "infra", "hooks", "postprovision.ps1")));
    }

    [Fact]
    public void Parameters_file_maps_azd_environment_values()
    {
        var parameters = File.ReadAllText(BicepCli.InfraPath("main.parameters.json"));
        Assert.Contains("${AZURE_ENV_NAME}", parameters, StringComparison.Ordinal);
        Assert.Contains("${AZURE_LOCATION}", parameters, StringComparison.Ordinal);
    }
}
