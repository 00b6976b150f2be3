using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoanPlatform.Testing;

/// <summary>
/// A stand-in service run with <c>node</c> on a free loopback port. Started with <c>node</c> itself rather than
/// npx so nothing is fetched at test time and killing the process tree stops the server.
/// </summary>
public sealed class NodeStandIn : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output;

    private NodeStandIn(Process process, StringBuilder output, int port)
    {
        this.process = process;
        this.output = output;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts <paramref name="script"/> (relative to the repository root) with the arguments built for the chosen port.</summary>
    public static async Task<NodeStandIn> StartAsync(string script, Func<int, IEnumerable<string>> arguments, TimeSpan? startTimeout = null)
    {
        _ = RepositoryPaths.NodeModules;
        var port = LoopbackPorts.FindFree();
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, script));
        foreach (var argument in arguments(port))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var standIn = new NodeStandIn(process, output, port);
        try
        {
            await standIn.WaitForPortAsync(startTimeout ?? TimeSpan.FromSeconds(30));
            return standIn;
        }
        catch
        {
            await standIn.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitForPortAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Describe()} exited with code {process.ExitCode} before listening:\n{Output()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(50);
            }
            catch (SocketException exception)
            {
                throw new TimeoutException($"{Describe()} did not listen on port {Port} within {timeout}:\n{Output()}", exception);
            }
        }
    }

    private string Describe() => $"node {string.Join(' ', process.StartInfo.ArgumentList)}";

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
