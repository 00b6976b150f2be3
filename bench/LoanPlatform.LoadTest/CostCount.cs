using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.LocalHost.Durable;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Testing.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.LoadTest;

/// <summary>
/// What an approved loan costs in document-store calls, priced in Cosmos DB request units (<see cref="RequestUnits"/>):
/// each customer applies and an officer approves through the gateway (audited, as in production), and the customer
/// reads the loan once at the end; the officer decides once the scored loan's events are out, as in production, where
/// decisions come minutes later. The benchmark's own waiting reads the Loans store in-process and is not counted;
/// everything the platform does meanwhile is, background work (outbox, notifications, audit drainer, sweepers) included.
/// </summary>
public static class CostCount
{
    public static async Task RunAsync(RunningPlatform running, PlatformClient client, IReadOnlyList<PlatformClient.Customer> customers, string officerToken, int concurrency)
    {
        using var meter = new DocumentStoreCostMeter();
        using var storage = new DurableStorageCounter();
        await QuietAsync(meter, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60));
        var azureStorage = running.Platform.DurableBackend == DurableBackend.AzureStorage;
        var idleRequests = 0.0;
        if (azureStorage)
        {
            // The Azure Storage backend polls its queues and renews its leases while idle too: that rate, measured while
            // nothing happens, is what its requests during the run are compared with.
            storage.Take();
            var idle = System.Diagnostics.Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(10));
            idleRequests = storage.Take().Sum(row => row.Requests) / idle.Elapsed.TotalSeconds;
        }

        var repository = running.Platform.ServiceProviders["loans"].GetRequiredService<LoanRepository>();
        var measured = System.Diagnostics.Stopwatch.StartNew();
        meter.Counting = true;
        await Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (customer, _) =>
        {
            var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
            // An officer decides minutes after scoring, once scoring's events are out (they leave the loan up to a second
            // after its write, with the audit trail's gathering): deciding at once would race that clearing, which
            // production does not see.
            await WaitAsync(() => repository.FindAsync(loanId, CancellationToken.None), loan => loan.Stages is [{ Deadline: not null }, ..] && !loan.HasPendingEvents);
            await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officerToken);
            await WaitAsync(() => repository.FindAsync(loanId, CancellationToken.None), loan => loan.Status == LoanStatus.Approved);
            await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, customer.Token);
        });
        // The audit trail's blocks fill with the rate its shards see, so the rate the loans ran at goes with the count.
        var lifecycles = measured.Elapsed;
        // Until the background work the loans caused (notifications, audit, outbox) has settled.
        await QuietAsync(meter, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
        meter.Counting = false;

        var loans = customers.Count;
        System.Console.WriteLine();
        System.Console.WriteLine($"Cost per approved loan ({loans} loans, {concurrency} at a time, {loans / lifecycles.TotalSeconds:0.0} loans/s), Cosmos DB request units by Microsoft's published rates:");
        System.Console.WriteLine($"  {"document type",-26} {"operation",-26} {"calls/loan",10} {"avg bytes",10} {"RU/loan",8}");
        foreach (var (type, operation, count, bytes, units) in meter.Rows())
        {
            System.Console.WriteLine($"  {type,-26} {operation,-26} {(double)count / loans,10:0.00} {(count == 0 ? 0 : bytes / count),10} {units / loans,8:0.00}");
        }

        var rows = meter.Rows().ToList();
        System.Console.WriteLine($"  total: {rows.Sum(r => r.Count) / (double)loans:0.0} calls, {rows.Sum(r => r.RequestUnits) / loans:0.0} RU per approved loan " +
            $"(reads {Sum(rows, "read"):0.0}, queries {Sum(rows, "query"):0.0}, writes {Sum(rows, "create") + Sum(rows, "replace") + Sum(rows, "delete"):0.0}, refused {Sum(rows, "refused"):0.0})");

        if (!azureStorage)
        {
            return;
        }

        // Storage transactions of the durable backend (Azure Storage over Azurite), by service and method.
        var requests = storage.Take();
        var seconds = measured.Elapsed.TotalSeconds;
        var total = requests.Sum(row => row.Requests);
        System.Console.WriteLine();
        System.Console.WriteLine($"Durable backend's storage transactions per approved loan (Azure Storage provider over Azurite, {seconds:0} s measured):");
        foreach (var (service, method, count) in requests)
        {
            System.Console.WriteLine($"  {service,-8} {method,-8} {(double)count / loans,8:0.0}");
        }

        System.Console.WriteLine($"  total: {(double)total / loans:0.0} per approved loan; idle polling and lease renewal ran {idleRequests:0.0}/s " +
            $"before the run, so {(total - idleRequests * seconds) / loans:0.0} per loan are the loans' own");

        double Sum(List<(string Type, string Operation, long Count, long Bytes, double RequestUnits)> all, string prefix) =>
            all.Where(r => r.Operation.StartsWith(prefix, StringComparison.Ordinal)).Sum(r => r.RequestUnits) / loans;
    }

    private static async Task WaitAsync(Func<Task<StoredDocument<LoanApplication>?>> read, Func<LoanApplication, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await DocumentStoreCostMeter.IgnoreAsync(async () => await read() is { } loan && done(loan.Value)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("A loan did not reach the expected state within two minutes.");
            }

            await Task.Delay(20);
        }
    }

    private static async Task QuietAsync(DocumentStoreCostMeter meter, TimeSpan quiet, TimeSpan atMost)
    {
        var deadline = DateTime.UtcNow + atMost;
        while (DateTime.UtcNow - meter.LastMeasurement < quiet && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
    }
}
