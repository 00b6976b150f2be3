using System.Diagnostics;
using System.Globalization;
using LoanPlatform.AuditLoadTest;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Gateway;
using LoanPlatform.Testing;
using LoanPlatform.Testing.Platform;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The audit trail under load (docs/performance.md, "Audit trail"). Run on demand, Release:
//   dotnet run -c Release --project bench/LoanPlatform.AuditLoadTest -- append [records=4000] [stores=embedded,cosmos-standin]
//   dotnet run -c Release --project bench/LoanPlatform.AuditLoadTest -- gateway [requests=20000] [concurrency=64]
//   dotnet run -c Release --project bench/LoanPlatform.AuditLoadTest -- kill [requests=20000] [concurrency=64] [killAfterSeconds=5]
//   dotnet run -c Release --project bench/LoanPlatform.AuditLoadTest -- edge [requests=5000] [pairs=3]
var mode = args.Length > 0 ? args[0] : "gateway";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
switch (mode)
{
    case "append":
        await AppendAsync(Arg(1, 4000), args.Length > 2 ? args[2] : "embedded,cosmos-standin");
        break;
    case "gateway":
        await GatewayAsync(Arg(1, 20_000), Arg(2, 64));
        break;
    case "kill":
        await KillAsync(Arg(1, 20_000), Arg(2, 64), Arg(3, 5));
        break;
    case "edge":
        await EdgeAsync(Arg(1, 5000), Arg(2, 3));
        break;
    default:
        throw new ArgumentException($"Unknown mode '{mode}': append, gateway, kill or edge.");
}

// Records appended the way the drainer appends them (batches of 1,000, shards in parallel), per store and shard count.
static async Task AppendAsync(int records, string stores)
{
    var cosmos = new CosmosStandInFixture();
    await cosmos.InitializeAsync();
    Console.WriteLine($"{"store",-22} {"parallel",8} {"shards",6} {"records",8} {"seconds",8} {"records/s",10}");
    foreach (var (store, parallelism) in new[] { ("embedded", 1), ("embedded", 0), ("cosmos-standin", 0) }.Where(run => stores.Split(',').Contains(run.Item1)))
    {
        foreach (var shards in new[] { 1, 4, 16 })
        {
            var folder = Directory.CreateTempSubdirectory("audit-append-").FullName;
            var settings = new Dictionary<string, string?> { ["Data:Path"] = folder, ["Audit:Shards"] = shards.ToString(CultureInfo.InvariantCulture) };
            if (parallelism > 0)
            {
                settings["Audit:AppendParallelism"] = parallelism.ToString(CultureInfo.InvariantCulture);
            }

            if (store == "cosmos-standin")
            {
                settings["DocumentStore:Provider"] = "Cosmos";
                settings["DocumentStore:Cosmos:ConnectionString"] = cosmos.ConnectionString;
                settings["DocumentStore:Cosmos:DatabaseName"] = $"bench{shards}";
                settings["DocumentStore:Cosmos:CreateIfNotExists"] = "true";
            }

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddAuditTrail();
            builder.Services.Configure<CosmosClientOptions>(cosmos.ConfigureClient);
            using var host = builder.Build();
            await host.StartAsync();
            var trail = host.Services.GetRequiredService<AuditTrail>();
            var now = DateTimeOffset.UtcNow;
            var batch = Enumerable.Range(0, records)
                .Select(i => new AuditRecord(now, $"user-{i % 500}", "Customer", "GET /loans/{loanId}", $"/loans/{i}", "success", 200, $"bench-{i}", "127.0.0.1", "bench") { SourceEventId = $"request:{i}" })
                .ToArray();
            await trail.AppendManyAsync(batch[..Math.Min(200, records)], deduplicate: false);
            var watch = Stopwatch.StartNew();
            foreach (var chunk in batch[Math.Min(200, records)..].Chunk(AuditSpoolDrainer.MaxBatch))
            {
                await trail.AppendManyAsync(chunk, deduplicate: false);
            }

            var appended = records - Math.Min(200, records);
            Console.WriteLine($"{store,-22} {(parallelism > 0 ? parallelism : shards),8} {shards,6} {appended,8} {watch.Elapsed.TotalSeconds,8:0.00} {appended / watch.Elapsed.TotalSeconds,10:0}");
            var verification = await trail.VerifyAsync(now.AddHours(-1), now.AddHours(1));
            if (!verification.Valid || verification.Checked != records)
            {
                throw new InvalidOperationException($"The trail does not verify after the run: {verification}");
            }

            await host.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    await cosmos.DisposeAsync();
}

// The same saturating load through the local gateway without and with auditing; then every answered request's record
// must be in the trail exactly once, and the trail must verify.
static async Task GatewayAsync(int requests, int concurrency)
{
    var results = new List<(bool Audited, double PerSecond)>();
    foreach (var audited in new[] { false, true, false, true })
    {
        await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:AuditRequests"] = audited ? "true" : "false",
            ["Gateway:PerUserPerMinute"] = "100000000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        using var client = running.CreateClient();
        var customer = await client.RegisterAsync();
        var run = $"bench-{Guid.NewGuid():N}";
        await new RequestLoad(client.Http, customer.Token, $"warm-{Guid.NewGuid():N}").RunAsync(2000, concurrency);
        var load = new RequestLoad(client.Http, customer.Token, run);
        var elapsed = await load.RunAsync(requests, concurrency);
        var perSecond = load.Answered.Count / elapsed.TotalSeconds;
        results.Add((audited, perSecond));
        Console.WriteLine($"audit {(audited ? "on " : "off")}: {load.Answered.Count} answered ({load.Failed} not 2xx) in {elapsed.TotalSeconds:0.0} s = {perSecond:0} requests/s");
        if (!audited)
        {
            continue;
        }

        var trail = running.Platform.ServiceProviders[GatewayRoutes.Loans].GetRequiredService<AuditTrail>();
        var watch = Stopwatch.StartNew();
        var found = await CountAsync(trail, customer.UserId, run + "-", load.Answered.Count);
        Console.WriteLine($"  trail: {found.Records} records of this run ({found.Distinct} distinct), {load.Answered.Count} expected; drained {watch.Elapsed.TotalSeconds:0.0} s after the last answer");
        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        var verification = await client.SendOkAsync(HttpMethod.Get, "/audit/verify", null, auditor);
        Console.WriteLine($"  /audit/verify: {verification.ToJsonString()}");
        if (found.Records != load.Answered.Count || found.Distinct != found.Records || !verification["valid"]!.GetValue<bool>())
        {
            throw new InvalidOperationException("The trail does not hold exactly the answered requests.");
        }
    }

    var off = results.Where(r => !r.Audited).Average(r => r.PerSecond);
    var on = results.Where(r => r.Audited).Average(r => r.PerSecond);
    Console.WriteLine($"Mean of two runs each: without audit {off:0} requests/s, with audit {on:0} requests/s; ratio {on / off:0.00}");
}

// What the gateway costs on a JWT-checked store read: GET /loans/{id} through the gateway (JWT validation, rate
// limiting, audit, proxying) and straight to the Loans service with the same token and the gateway's proof header, in
// alternating rounds, at 8 and 32 connections; prints the throughput ratio, the p50/p99 the gateway adds and the
// process CPU per request on each path (client, gateway and service share this process, so the difference is the
// gateway's own work, background audit appends included).
static async Task EdgeAsync(int requests, int pairs)
{
    await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?>
    {
        // The limiter runs on every request; its per-user allowance is lifted above what the run sends.
        ["Gateway:PerUserPerMinute"] = "100000000",
        ["Logging:LogLevel:Default"] = "Warning",
    });
    using var client = running.CreateClient();
    var customer = await client.RegisterVerifiedCustomerAsync();
    var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
    await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["deadline"] is not null);
    var path = $"/loans/{loanId}";
    Console.WriteLine($"{"connections",11} {"pair",4} {"gateway/s",10} {"direct/s",9} {"ratio",6} {"gw p50",7} {"dir p50",7} {"gw p99",7} {"dir p99",7} {"gw cpu µs",9} {"dir cpu µs",10} {"gw gen2/1k",10} {"dir gen2/1k",11}");
    foreach (var connections in new[] { 8, 32 })
    {
        var rounds = new List<(RoundResult Gateway, RoundResult Direct)>();
        for (var pair = 0; pair <= pairs; pair++)
        {
            // A fresh token and proof per pair: the run outlasts a service token's five minutes.
            var token = await client.LoginAsync(customer.Email, customer.Password);
            using var direct = await running.CreateDirectClientAsync(GatewayRoutes.Loans, ServiceCallers.Gateway);
            var throughGateway = await RoundAsync(client.Http, token, path, requests, connections);
            var straight = await RoundAsync(direct.Http, token, path, requests, connections);
            if (pair == 0)
            {
                continue; // The first pair warms both paths (JIT, tiered PGO, connection pools).
            }

            rounds.Add((throughGateway, straight));
            Console.WriteLine($"{connections,11} {pair,4} {throughGateway.PerSecond,10:0} {straight.PerSecond,9:0} {throughGateway.PerSecond / straight.PerSecond,6:0.00} " +
                $"{throughGateway.P50,7:0.00} {straight.P50,7:0.00} {throughGateway.P99,7:0.00} {straight.P99,7:0.00} {throughGateway.CpuMicroseconds,9:0} {straight.CpuMicroseconds,10:0} " +
                $"{throughGateway.FullCollectionsPerThousand,10:0.00} {straight.FullCollectionsPerThousand,11:0.00}");
        }

        var ratio = rounds.Average(r => r.Gateway.PerSecond) / rounds.Average(r => r.Direct.PerSecond);
        Console.WriteLine($"{connections} connections, mean of {pairs} pairs: gateway {rounds.Average(r => r.Gateway.PerSecond):0}/s, direct {rounds.Average(r => r.Direct.PerSecond):0}/s, " +
            $"ratio {ratio:0.00}; added p50 {rounds.Average(r => r.Gateway.P50 - r.Direct.P50):0.00} ms, p99 {rounds.Average(r => r.Gateway.P99 - r.Direct.P99):0.00} ms, " +
            $"CPU per request {rounds.Average(r => r.Gateway.CpuMicroseconds - r.Direct.CpuMicroseconds):0} µs more");
    }
}

static async Task<RoundResult> RoundAsync(HttpClient http, string token, string path, int requests, int connections)
{
    var load = new RequestLoad(http, token, $"edge-{Guid.NewGuid():N}", path);
    // Each round starts on an idle process and its CPU includes the work its requests left behind (the audit drainer
    // appending their records), so neither path pays for the other's.
    await ProcessIdle.SettleAsync();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var fullCollections = GC.CollectionCount(2);
    var elapsed = await load.RunAsync(requests, connections);
    await ProcessIdle.SettleAsync();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    fullCollections = GC.CollectionCount(2) - fullCollections;
    if (load.Failed > 0 || load.Answered.Count != requests)
    {
        throw new InvalidOperationException($"{load.Failed} of {requests} requests to {http.BaseAddress} were not answered 2xx.");
    }

    var sorted = load.Latencies.Order().ToArray();
    return new RoundResult(requests / elapsed.TotalSeconds, sorted[sorted.Length / 2], sorted[(int)Math.Ceiling(sorted.Length * 0.99) - 1],
        cpu.TotalMicroseconds / requests, fullCollections * 1000.0 / requests);
}

// The platform as its own process, killed with SIGKILL in the middle of a saturating run and started again on the same
// data folder: every request answered before the kill must be in the trail once, and the trail must verify.
static async Task KillAsync(int requests, int concurrency, int killAfterSeconds)
{
    var data = Directory.CreateTempSubdirectory("audit-kill-").FullName;
    var url = $"http://127.0.0.1:{LoopbackPorts.FindFreeForRestart()}";
    using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    using var client = new PlatformClient(http);
    var platform = await StartProcessAsync(data, url, http);
    var customer = await client.RegisterAsync();
    var run = $"kill-{Guid.NewGuid():N}";
    var load = new RequestLoad(http, customer.Token, run);
    using var stop = new CancellationTokenSource();
    var sending = load.RunAsync(requests, concurrency, stop.Token);
    await Task.Delay(TimeSpan.FromSeconds(killAfterSeconds));
    platform.Kill(entireProcessTree: true);
    await platform.WaitForExitAsync();
    var answeredBeforeKill = load.Answered.ToHashSet();
    stop.Cancel();
    await sending;
    Console.WriteLine($"SIGKILL after {killAfterSeconds} s: {answeredBeforeKill.Count} requests had been answered.");

    platform = await StartProcessAsync(data, url, http);
    try
    {
        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        var watch = Stopwatch.StartNew();
        HashSet<string> inTrail;
        var duplicates = 0;
        do
        {
            await Task.Delay(500);
            var ids = await CorrelationIdsAsync(client, auditor, customer.UserId, run + "-");
            inTrail = ids.ToHashSet();
            duplicates = ids.Count - inTrail.Count;
        }
        while (!answeredBeforeKill.IsSubsetOf(inTrail) && watch.Elapsed < TimeSpan.FromMinutes(2));

        var verification = await client.SendOkAsync(HttpMethod.Get, "/audit/verify", null, auditor);
        Console.WriteLine($"After the restart: {inTrail.Count} records of the run in the trail ({duplicates} duplicates); " +
            $"{answeredBeforeKill.Count(id => !inTrail.Contains(id))} answered requests missing; " +
            $"{inTrail.Count - answeredBeforeKill.Count} recorded but never answered (the kill cut their response); drained in {watch.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"/audit/verify: {verification.ToJsonString()}");
        if (!answeredBeforeKill.IsSubsetOf(inTrail) || duplicates > 0 || !verification["valid"]!.GetValue<bool>())
        {
            throw new InvalidOperationException("A request answered before the kill is missing from the trail, or the trail does not verify.");
        }
    }
    finally
    {
        platform.Kill(entireProcessTree: true);
        await platform.WaitForExitAsync();
        Directory.Delete(data, recursive: true);
    }
}

static async Task<Process> StartProcessAsync(string data, string url, HttpClient http)
{
    var localHost = Path.Combine(AppContext.BaseDirectory, "LoanPlatform.LocalHost.dll");
    var start = new ProcessStartInfo("dotnet", [localHost]) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var (key, value) in new Dictionary<string, string>
    {
        ["Gateway__Url"] = url,
        ["Data__Path"] = data,
        ["LOCAL_STAFF_PASSWORD"] = RunningPlatform.StaffPassword,
        ["Auth__PasswordHashIterations"] = "10000",
        ["Gateway__PerUserPerMinute"] = "100000000",
        ["Gateway__LoginPerIpPerMinute"] = "10000",
        ["Logging__LogLevel__Default"] = "Warning",
    })
    {
        start.Environment[key] = value;
    }

    var process = Process.Start(start) ?? throw new InvalidOperationException("The platform did not start.");
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine($"  platform: {line.Data}"); } };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    var deadline = DateTime.UtcNow.AddMinutes(2);
    while (DateTime.UtcNow < deadline)
    {
        try
        {
            using var ready = await http.GetAsync("/health/ready");
            if (ready.IsSuccessStatusCode)
            {
                return process;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        await Task.Delay(250);
    }

    throw new TimeoutException("The platform did not become ready within two minutes.");
}

// Polls the trail in-process until it holds at least the expected number of this run's records, or stops growing.
static async Task<(int Records, int Distinct)> CountAsync(AuditTrail trail, string subject, string prefix, int expected)
{
    var deadline = DateTime.UtcNow.AddMinutes(3);
    var ids = new List<string>();
    do
    {
        ids.Clear();
        string? continuation = null;
        do
        {
            var page = await trail.SearchAsync(subject, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), 1000, continuation);
            ids.AddRange(page.Items.Select(r => r.CorrelationId ?? "").Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));
            continuation = page.Next;
        }
        while (continuation is not null);

        if (ids.Count >= expected)
        {
            break;
        }

        await Task.Delay(250);
    }
    while (DateTime.UtcNow < deadline);

    return (ids.Count, ids.Distinct().Count());
}

// The same through GET /audit as the auditor, a page at a time.
static async Task<List<string>> CorrelationIdsAsync(PlatformClient client, string auditor, string subject, string prefix)
{
    var ids = new List<string>();
    string? continuation = null;
    do
    {
        var query = $"/audit?subject={Uri.EscapeDataString(subject)}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("o"))}&limit=1000"
            + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}");
        var page = await client.SendOkAsync(HttpMethod.Get, query, null, auditor);
        ids.AddRange(page["items"]!.AsArray().Select(r => r!["correlationId"]?.GetValue<string>() ?? "").Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));
        continuation = page["next"]?.GetValue<string>();
    }
    while (continuation is not null);

    return ids;
}
