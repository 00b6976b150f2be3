namespace LoanPlatform.Infrastructure.Tests;

public class BicepBuildTests
{
    [Fact]
    public void Main_template_builds_without_errors_or_warnings()
    {
        var build = CompiledTemplate.Instance.Build;

        Assert.True(build.ExitCode == 0, "bicep build failed:\n" + build.StandardError);
        Assert.True(string.IsNullOrWhiteSpace(build.StandardError), "bicep build reported diagnostics:\n" + build.StandardError);
    }

    [Fact]
    public void Main_template_passes_the_linter_without_warnings()
    {
        var lint = BicepCli.Run("lint", BicepCli.InfraPath("main.bicep"));

        var output = (lint.StandardOutput + lint.StandardError).Trim();
        Assert.True(lint.ExitCode == 0, "bicep lint failed:\n" + output);
        Assert.True(output.Length == 0, "bicep lint reported diagnostics:\n" + output);
    }

    [Fact]
    public void Every_bicep_file_is_used_by_main()
    {
        // A module nobody calls is never built or linted through main.bicep, so it would rot unseen.
        var referenced = CompiledTemplate.Instance.Resources.Count(r => r.Type == "Microsoft.Resources/deployments");
        var files = Directory.EnumerateFiles(BicepCli.InfraPath(), "*.bicep", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("main.bicep", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var used = Directory.EnumerateFiles(BicepCli.InfraPath(), "*.bicep", SearchOption.AllDirectories)
                .Where(f => f != file)
                .Any(f => File.ReadAllText(f).Contains("/" + name + "'", StringComparison.Ordinal));
            Assert.True(used, $"{Path.GetRelativePath(BicepCli.RepositoryRoot, file)} is not referenced by any module call");
        }

        Assert.True(referenced >= files.Count, "fewer deployments than module files");
    }

    [Fact]
    public void Resource_group_is_tagged_with_the_azd_environment()
    {
        var group = CompiledTemplate.Instance.OfType("Microsoft.Resources/resourceGroups").Single();

        Assert.Equal("[variables('tags')]", group.Resource["tags"]?.ToString());
        Assert.Equal("[parameters('environmentName')]", CompiledTemplate.Instance.Root["variables"]?["tags"]?["azd-env-name"]?.ToString());
    }
}
