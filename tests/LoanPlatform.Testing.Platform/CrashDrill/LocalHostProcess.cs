using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LoanPlatform.Testing;

namespace LoanPlatform.Testing.Platform.CrashDrill;

/// <summary>
/// The local platform as an operator runs it: <c>dotnet LoanPlatform.LocalHost.dll</c> in a process of its own, set up by
/// environment variables (its own data folder and gateway port), so it can be killed with SIGKILL and started again.
/// </summary>
public sealed partial class LocalHostProcess(string dataPath, int port, IReadOnlyDictionary<string, string?> settings) : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private int _startedAt;

    public string GatewayUrl { get; } = $"http://127.0.0.1:{port}";

    public string DataPath => dataPath;

    /// <summary>Everything every start printed, for a failing drill's report.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What the current start printed.</summary>
    public string OutputOfThisStart
    {
        get
        {
            lock (_output)
            {
                return _output.ToString(_startedAt, _output.Length - _startedAt);
            }
        }
    }

    /// <summary>The count the current start printed ("re-hydrated N open loan(s)").</summary>
    public int? RehydratedLoans => RehydratedLine().Match(OutputOfThisStart) is { Success: true } match
        ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        : null;

    /// <summary>The built local host next to this assembly (a referenced executable project brings its runtime config).</summary>
    public static string LocalHostDll
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "LoanPlatform.LocalHost.dll");
            if (File.Exists(Path.Combine(AppContext.BaseDirectory, "LoanPlatform.LocalHost.runtimeconfig.json")))
            {
                return beside;
            }

            // Otherwise the project's own output, in the configuration this assembly was built in.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "src", "LoanPlatform.LocalHost", "bin", configuration, "net10.0", "LoanPlatform.LocalHost.dll");
        }
    }

    public async Task StartAsync(TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(LocalHostDll)!,
        };
        start.ArgumentList.Add(LocalHostDll);
        start.Environment["Data__Path"] = dataPath;
        start.Environment["Gateway__Url"] = GatewayUrl;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        lock (_output)
        {
            _startedAt = _output.Length;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with {_process.ExitCode} while starting:\n{OutputOfThisStart}");
            }

            try
            {
                using var ready = await http.GetAsync($"{GatewayUrl}/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The local host was not ready within {timeout}:\n{OutputOfThisStart}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process = null;
    }

    /// <summary>SIGTERM, as a service manager stops it; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("Not running.");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(patience.Token);
        _process = null;
        return process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    [GeneratedRegex(@"re-hydrated (\d+) open loan")]
    private static partial Regex RehydratedLine();
}
