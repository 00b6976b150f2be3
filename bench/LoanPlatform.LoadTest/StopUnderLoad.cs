using System.Collections.Concurrent;
using System.Diagnostics;
using LoanPlatform.Testing;
using LoanPlatform.Testing.Platform;
using LoanPlatform.Testing.Platform.CrashDrill;

namespace LoanPlatform.LoadTest;

using Console = System.Console;

/// <summary>
/// The load test's lifecycle (apply → pendingApproval → approve → approved), C at a time, against the local host as its
/// own process, which is stopped with SIGTERM after S seconds of it: the stop must exit 0 and log no error, and after a
/// restart on the same data every application answered 202 must end approved (the approvals acknowledged before the
/// stop taking effect, the others given now). On the in-memory engine and on the Azure Storage profile over Azurite.
/// </summary>
public static class StopUnderLoad
{
    public static async Task<int> RunAsync(int loans, int concurrency, TimeSpan stopAfter, string backend)
    {
        var failed = false;
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            if (backend is "both" or "inmemory")
            {
                failed |= !await RunOnceAsync("in-memory engine", [], loans, concurrency, stopAfter);
            }

            if (backend is "both" or "azurestorage")
            {
                failed |= !await RunOnceAsync("Azure Storage over Azurite", new Dictionary<string, string?>
                {
                    ["Durable:Backend"] = "AzureStorage",
                    ["Durable:AzureStorageConnectionString"] = azurite.ConnectionString,
                    ["Durable:TaskHubName"] = "stop" + Guid.NewGuid().ToString("N")[..8],
                }, loans, concurrency, stopAfter);
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        return failed ? 1 : 0;
    }

    private static async Task<bool> RunOnceAsync(string name, Dictionary<string, string?> profile, int loans, int concurrency, TimeSpan stopAfter)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "loanplatform-stop-" + Guid.NewGuid().ToString("N"));
        var settings = UnthrottledSettings.With(profile.Concat(new Dictionary<string, string?>
        {
            ["LOCAL_STAFF_PASSWORD"] = RunningPlatform.StaffPassword,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        }));

        await using var host = new LocalHostProcess(dataPath, LoopbackPorts.FindFreeForRestart(), settings);
        using var client = new PlatformClient(new HttpClient { BaseAddress = new Uri(host.GatewayUrl), Timeout = TimeSpan.FromSeconds(30) }, new EmailInbox(Path.Combine(dataPath, "notifications", "outbox")));
        await host.StartAsync(TimeSpan.FromMinutes(2));
        Console.WriteLine($"{name}: setting up {loans} verified customers…");
        var customers = new PlatformClient.Customer[loans];
        await Parallel.ForAsync(0, loans, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => customers[i] = await client.RegisterVerifiedCustomerAsync());
        var officer = await client.LoginStaffAsync("officer1@staff.local");

        // What the platform answered 2xx for before the stop: the loan per customer, and the loans whose approval it took.
        var accepted = new ConcurrentDictionary<string, string>();
        var approvalsAcknowledged = new ConcurrentDictionary<string, byte>();
        using var load = new CancellationTokenSource();
        using var stopping = new CancellationTokenSource();
        var driving = Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = load.Token }, async (customer, _) =>
        {
            try
            {
                var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
                accepted[customer.UserId] = loanId;
                await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
                await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer);
                approvalsAcknowledged[loanId] = 0;
                await client.WaitForStatusAsync(loanId, customer.Token, "approved");
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // The stop cut this request off: what it was not answered is not promised. A failure before the stop is not caught.
            }
        });
        await Task.Delay(stopAfter);
        var before = host.OutputOfThisStart.Length;
        await stopping.CancelAsync();
        var watch = Stopwatch.StartNew();
        var exitCode = await host.StopAsync(TimeSpan.FromSeconds(60));
        var stopTook = watch.Elapsed;
        await load.CancelAsync();
        try
        {
            await driving;
        }
        catch (OperationCanceledException)
        {
        }

        var errors = ErrorsIn(host.OutputOfThisStart[before..]);
        var acceptedCount = accepted.Count;
        var acknowledgedCount = approvalsAcknowledged.Count;

        watch.Restart();
        await host.StartAsync(TimeSpan.FromMinutes(2));
        var lost = new List<string>();
        await Parallel.ForEachAsync(customers.Where(c => accepted.ContainsKey(c.UserId)), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (customer, _) =>
        {
            var loanId = accepted[customer.UserId];
            try
            {
                if (!approvalsAcknowledged.ContainsKey(loanId))
                {
                    var loan = await client.WaitForLoanAsync(loanId, customer.Token, l => l["status"]!.GetValue<string>() is "pendingApproval" or "approved", TimeSpan.FromMinutes(3));
                    if (loan["status"]!.GetValue<string>() == "pendingApproval")
                    {
                        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer);
                    }
                }

                await client.WaitForStatusAsync(loanId, customer.Token, "approved", TimeSpan.FromMinutes(3));
            }
            catch (Exception e)
            {
                lock (lost)
                {
                    lost.Add($"{loanId}: {e.GetType().Name}: {e.Message}");
                }
            }
        });
        var finishTook = watch.Elapsed;
        // The whole second start counts too: nothing it finished may have logged an error either.
        var finalExit = await host.StopAsync(TimeSpan.FromSeconds(60));
        errors.AddRange(ErrorsIn(host.OutputOfThisStart));

        Console.WriteLine($"{name}: SIGTERM after {stopAfter.TotalSeconds:0} s of load ({concurrency} at a time): {acceptedCount} applications accepted, " +
            $"{acknowledgedCount} approvals acknowledged before the stop; the stop took {stopTook.TotalSeconds:0.0} s, exit {exitCode}, " +
            $"{errors.Count} error line(s) logged; after the restart {acceptedCount - lost.Count} of {acceptedCount} accepted loans approved in {finishTook.TotalSeconds:0} s; final stop exit {finalExit}.");
        foreach (var line in errors.Distinct().Take(10).Concat(lost.Take(10)))
        {
            Console.WriteLine($"  {line.Trim()}");
        }

        var passed = exitCode == 0 && finalExit == 0 && errors.Count == 0 && lost.Count == 0;
        if (passed)
        {
            Directory.Delete(dataPath, recursive: true);
        }
        else
        {
            Console.WriteLine($"  Data kept in {dataPath}");
        }

        return passed;
    }

    private static List<string> ErrorsIn(string output) =>
        output.Split('\n').Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("ObjectDisposedException", StringComparison.Ordinal)).ToList();
}
