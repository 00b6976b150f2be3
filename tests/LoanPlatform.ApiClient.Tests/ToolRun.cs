using System.Diagnostics;
using LoanPlatform.Testing;

namespace LoanPlatform.ApiClient.Tests;

/// <summary>Runs a command-line tool the repository pins (an npm package, a local dotnet tool) from the repository root.</summary>
public static class ToolRun
{
    /// <summary>What the tool printed: standard output alone (a machine-readable report), and everything for messages.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string Output);

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time.");
        }

        var standardOutput = await stdout;
        return new Result(process.ExitCode, standardOutput, standardOutput + await stderr);
    }
}
