using System.Diagnostics;
using System.Reflection;

namespace LoanPlatform.Infrastructure.Tests;

/// <summary>Runs the Bicep CLI shipped by the Azure.Bicep.CommandLine.linux-x64 NuGet package.</summary>
public static class BicepCli
{
    private const string PackageVersion = "0.49.2";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string InfraPath(params string[] parts) => Path.Combine([RepositoryRoot, "infra", .. parts]);

    public static string ExecutablePath { get; } = FindExecutable();

    public static BicepResult Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Offline and quiet: no telemetry, no update checks.
        startInfo.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 3 minutes");
        }

        return new BicepResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindExecutable()
    {
        var candidates = new List<string>();
        var packagePath = Metadata("BicepPackagePath");
        if (!string.IsNullOrEmpty(packagePath))
        {
            candidates.Add(Path.Combine(packagePath, "tools", "bicep"));
        }

        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(nugetRoot))
        {
            nugetRoot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        candidates.Add(Path.Combine(nugetRoot, "azure.bicep.commandline.linux-x64", PackageVersion, "tools", "bicep"));

        var found = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("Bicep CLI not found; restore the test project first. Looked in: " + string.Join(", ", candidates));

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(found);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(found, mode | UnixFileMode.UserExecute);
            }
        }

        return found;
    }

    private static string FindRepositoryRoot()
    {
        var fromBuild = Metadata("RepositoryRoot");
        if (!string.IsNullOrEmpty(fromBuild) && File.Exists(Path.Combine(fromBuild, "infra", "main.bicep")))
        {
            return fromBuild;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "infra", "main.bicep")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Repository root (with infra/main.bicep) not found.");
    }

    private static string? Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}

public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError);
