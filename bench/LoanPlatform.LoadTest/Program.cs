using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.LoadTest;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using LoanPlatform.Testing;
using LoanPlatform.Testing.Platform;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

// Drives N loan lifecycles (apply → wait for PendingApproval → approve → wait for Approved), C at a time, through the
// local gateway; then the same lifecycle through the Loans services in-process (no gateway, no HTTP to Loans) on the
// same engine; then the orchestration's bare shape on the same engine (activities that do nothing, the decision raised
// at once), and prints the three with their ratios. Run on demand:
//   dotnet run -c Release --project bench/LoanPlatform.LoadTest -- [loans=200] [concurrency=32]
// Or stop the platform (its own process) with SIGTERM mid-run and check nothing is lost (StopUnderLoad):
//   dotnet run -c Release --project bench/LoanPlatform.LoadTest -- stop [loans=200] [concurrency=32] [seconds=10] [backend=both|inmemory|azurestorage]
if (args is ["stop", .. var stop])
{
    Environment.ExitCode = await StopUnderLoad.RunAsync(
        stop.Length > 0 ? int.Parse(stop[0], CultureInfo.InvariantCulture) : 200,
        stop.Length > 1 ? int.Parse(stop[1], CultureInfo.InvariantCulture) : 32,
        TimeSpan.FromSeconds(stop.Length > 2 ? int.Parse(stop[2], CultureInfo.InvariantCulture) : 10),
        stop.Length > 3 ? stop[3].ToLowerInvariant() : "both");
    return;
}

// Or the document-store cost of an approved loan in Cosmos DB request units (CostCount), and with azurestorage the
// durable backend's storage transactions too (Azure Storage provider over Azurite):
//   dotnet run -c Release --project bench/LoanPlatform.LoadTest -- cost [loans=50] [concurrency=8] [inmemory|azurestorage]
var cost = args is ["cost", ..];
var numbers = cost ? args[1..] : args;
var loans = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : cost ? 50 : 200;
var concurrency = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : cost ? 8 : 32;
var settings = new Dictionary<string, string?>
{
    // Setup registers hundreds of customers from one address.
    ["Logging:LogLevel:Default"] = "Warning",
};
await using var azurite = cost && numbers is [_, _, "azurestorage"] ? new AzuriteFixture() : null;
if (azurite is not null)
{
    await azurite.InitializeAsync();
    settings["Durable:Backend"] = "AzureStorage";
    settings["Durable:AzureStorageConnectionString"] = azurite.ConnectionString;
    settings["Durable:TaskHubName"] = "cost" + Guid.NewGuid().ToString("N")[..8];
}

await using var running = await RunningPlatform.StartAsync(durableTasks: registry => registry.AddLoanApprovalTasks().AddBareLoanApproval(), overrides: UnthrottledSettings.With(settings));
using var client = running.CreateClient();
// Outside the cost count, each path first runs a warm-up batch on customers of its own, so the measured runs do not pay
// for the JIT's tiering of code they are the first to call.
var warmUp = cost ? 0 : Math.Min(64, loans / 4);
Console.WriteLine($"Setting up {(cost ? loans : 2 * (loans + warmUp))} verified customers…");
var customers = new PlatformClient.Customer[cost ? loans : 2 * (loans + warmUp)];
await Parallel.ForAsync(0, customers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => customers[i] = await client.RegisterVerifiedCustomerAsync());
var officerToken = await client.LoginStaffAsync("officer1@staff.local");
if (cost)
{
    await CostCount.RunAsync(running, client, customers, officerToken, concurrency);
    return;
}

var services = running.Platform.ServiceProviders["loans"];
var engine = services.GetRequiredService<LoanWorkflowEngine>();
var repository = services.GetRequiredService<LoanRepository>();
var durableClient = services.GetRequiredService<DurableTaskClient>();
var officer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PlatformClaims.Subject, "staff-officer1"), new Claim(PlatformClaims.Roles, PlatformRoles.LoanOfficer)], "bench", PlatformClaims.Subject, PlatformClaims.Roles));
Console.WriteLine($"Warming up: {warmUp} lifecycles on each path…");
await RunAsync(customers[(2 * loans)..(2 * loans + warmUp)], customer => ThroughGatewayAsync(new LatencyRecorder(), customer));
await RunAsync(customers[(2 * loans + warmUp)..], customer => InProcessAsync(new LatencyRecorder(), customer));
await RunAsync(customers[..warmUp], _ => BareAsync(new LatencyRecorder()));

// Progress lines, also the cue to attach a profiler to one run (docs/performance.md, "Where a lifecycle's time goes").
Console.WriteLine("Run 1 of 3: through the gateway…");
var gateway = new LatencyRecorder();
var gatewayElapsed = await RunAsync(customers[..loans], customer => ThroughGatewayAsync(gateway, customer));
Console.WriteLine("Run 2 of 3: in process…");
var inProcess = new LatencyRecorder();
var inProcessElapsed = await RunAsync(customers[loans..(2 * loans)], customer => InProcessAsync(inProcess, customer));
Console.WriteLine("Run 3 of 3: the bare engine…");
var engineOnly = new LatencyRecorder();
var engineElapsed = await RunAsync(customers[..loans], _ => BareAsync(engineOnly));

Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {loans} loans per run, {concurrency} at a time.");
Report("Through the gateway", gateway, gatewayElapsed);
Report("Loans services in-process, same engine (no gateway)", inProcess, inProcessElapsed);
Report("Bare engine, same orchestration shape (activities do nothing, decision raised at once)", engineOnly, engineElapsed);
Console.WriteLine($"Ratio gateway / in-process: {inProcessElapsed.Elapsed / gatewayElapsed.Elapsed:0.00}; gateway / bare: {engineElapsed.Elapsed / gatewayElapsed.Elapsed:0.00}; " +
    $"in-process / bare: {engineElapsed.Elapsed / inProcessElapsed.Elapsed:0.00}");

async Task ThroughGatewayAsync(LatencyRecorder recorder, PlatformClient.Customer customer)
{
    var loanId = await recorder.TimeAsync("POST /loans", () => client.ApplyOkAsync(customer.Token, 10_000_000));
    await PollAsync(() => recorder.TimeAsync("GET /loans/{id}", async () => (await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, customer.Token))["currentStage"]?["deadline"] is not null));
    await recorder.TimeAsync("POST /loans/{id}/decisions", () => client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officerToken));
    await PollAsync(() => recorder.TimeAsync("GET /loans/{id}", async () => (await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, customer.Token))["status"]!.GetValue<string>() == "approved"));
}

async Task InProcessAsync(LatencyRecorder recorder, PlatformClient.Customer customer)
{
    await using var scope = services.CreateAsyncScope();
    var applications = scope.ServiceProvider.GetRequiredService<LoanApplicationService>();
    var decisions = scope.ServiceProvider.GetRequiredService<LoanDecisionService>();
    var accepted = await recorder.TimeAsync("apply", () => applications.ApplyAsync(customer.UserId, Guid.NewGuid().ToString(), new ApplyForLoanRequest(10_000_000, 12, "Renovasi", 40_000_000, null), engine, CancellationToken.None));
    await PollAsync(async () => (await repository.FindAsync(accepted.LoanId, CancellationToken.None))!.Value.Stages is [{ Deadline: not null }, ..]);
    await recorder.TimeAsync("decide", () => decisions.DecideAsync(accepted.LoanId, officer, new DecisionRequest("approve", null, null), engine, CancellationToken.None));
    await PollAsync(async () => (await repository.FindAsync(accepted.LoanId, CancellationToken.None))!.Value.Status == LoanStatus.Approved);
}

async Task BareAsync(LatencyRecorder recorder)
{
    var instanceId = Guid.NewGuid().ToString("N");
    await recorder.TimeAsync("lifecycle", async () =>
    {
        await durableClient.ScheduleNewOrchestrationInstanceAsync(BareLoanApproval.Orchestration, instanceId, new StartOrchestrationOptions { InstanceId = instanceId });
        await durableClient.RaiseEventAsync(instanceId, BareLoanApproval.DecisionEvent, "approve");
        return await durableClient.WaitForInstanceCompletionAsync(instanceId);
    });
}

// The run's time, and the process's CPU time (client, gateway, services and engine share the process) from an idle start
// until the work the run left behind (audit drain, notifications) is done too, so no run pays for the setup's or another's.
async Task<(TimeSpan Elapsed, TimeSpan Cpu)> RunAsync(IEnumerable<PlatformClient.Customer> batch, Func<PlatformClient.Customer, Task> lifecycle)
{
    await ProcessIdle.SettleAsync();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (customer, _) => await lifecycle(customer));
    var elapsed = watch.Elapsed;
    await ProcessIdle.SettleAsync();
    return (elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
}

static async Task PollAsync(Func<Task<bool>> done)
{
    var deadline = DateTime.UtcNow.AddMinutes(2);
    while (!await done())
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException("A loan did not reach the expected state within two minutes.");
        }

        await Task.Delay(20);
    }
}

void Report(string title, LatencyRecorder recorder, (TimeSpan Elapsed, TimeSpan Cpu) run)
{
    Console.WriteLine();
    Console.WriteLine($"{title}: {loans / run.Elapsed.TotalSeconds:0.0} loans/s ({run.Elapsed.TotalSeconds:0.0} s, {run.Cpu.TotalMilliseconds / loans:0.0} ms CPU a lifecycle)");
    Console.WriteLine($"  {"call",-28} {"n",6} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
    foreach (var (operation, count, p50, p99, max) in recorder.Summary())
    {
        Console.WriteLine($"  {operation,-28} {count,6} {p50,8:0.0} {p99,8:0.0} {max,8:0.0}");
    }
}
