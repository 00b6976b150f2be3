using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Audit;
using LoanPlatform.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.Loans.Tests;

/// <summary>
/// The Azure hand-off on Azurite's queue service: messages shaped as API Management's <c>audit-request</c> policy puts
/// them (the record's JSON, base64 in a <c>QueueMessage</c>), consumed as the queue trigger does (a batch at a time,
/// deleted only once appended, visible again after a failure). A redelivered message is one record; a burst while the
/// store is down is only delayed.
/// </summary>
public sealed class AuditRequestQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(1);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "loans-audit-queue-" + Guid.NewGuid().ToString("N"));
    private FailingDocumentStore<AuditBlock> store = null!;
    private QueueClient queue = null!;
    private IHost host = null!;

    private AuditTrail Trail => host.Services.GetRequiredService<AuditTrail>();

    private AuditRequestQueueHandler Handler => host.Services.GetRequiredService<AuditRequestQueueHandler>();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Path"] = folder, ["Audit:Shards"] = "4" });
        builder.AddDocumentStore("loans");
        builder.Services.AddAuditTrail();
        // The trail's records in a store that can be made to fail (the service's own file here: where they are does not matter).
        builder.Services.AddDocumentType<AuditBlock>(AuditExtensions.BlockDocumentType);
        builder.Services.AddKeyedSingleton<IDocumentStore<AuditBlock>>(AuditExtensions.StoreName, (provider, _) =>
            new FailingDocumentStore<AuditBlock>(provider.GetRequiredService<IDocumentStore<AuditBlock>>()));
        builder.Services.AddSingleton<AuditRequestQueueHandler>();
        host = builder.Build();
        await host.StartAsync();
        store = (FailingDocumentStore<AuditBlock>)host.Services.GetRequiredKeyedService<IDocumentStore<AuditBlock>>(AuditExtensions.StoreName);
        queue = new QueueClient(azurite.ConnectionString, $"audit-requests-{Guid.NewGuid():N}");
        await queue.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_request_handed_off_twice_is_one_record_kept_by_the_gateways_rule()
    {
        var subject = "apim-user-" + Guid.NewGuid().ToString("N");
        var message = Message(Guid.NewGuid().ToString(), subject, path: $"/loans/{subject}?sig=secret-value", userAgent: new string('u', 500));
        await queue.SendMessageAsync(message);
        await queue.SendMessageAsync(message);

        Assert.Equal(2, await ConsumeAsync());

        var record = Assert.Single(await RecordsAsync(subject));
        Assert.Equal((subject, "Customer", "GET /loans/{loanId}", $"/loans/{subject}", "failure", 404), (record.Actor, record.Role, record.Action, record.Resource, record.Outcome, record.StatusCode));
        Assert.Equal(("203.0.113.7", 200), (record.ClientIp, record.UserAgent!.Length));
        Assert.DoesNotContain("secret-value", JsonSerializer.Serialize(record), StringComparison.Ordinal);
        Assert.True((await Trail.VerifyAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1))).Valid);
    }

    [Fact]
    public async Task A_burst_ten_times_a_batch_while_the_store_is_down_is_delayed_and_none_is_lost()
    {
        var subject = "burst-" + Guid.NewGuid().ToString("N");
        await Task.WhenAll(Enumerable.Range(0, 320).Select(i => queue.SendMessageAsync(Message(Guid.NewGuid().ToString(), subject, path: $"/loans/{subject}-{i}"))));
        store.Failing = true;

        Assert.Equal(0, await ConsumeAsync());
        Assert.True(store.Refused > 0);
        store.Failing = false;

        var appended = 0;
        for (var round = 0; round < 60 && appended < 320; round++)
        {
            appended += await ConsumeAsync();
            if ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0 && appended < 320)
            {
                await Task.Delay(Visibility);
            }
        }

        Assert.Equal(320, appended);
        Assert.Equal(320, (await RecordsAsync(subject)).Select(r => r.Resource).Distinct().Count());
    }

    [Fact]
    public async Task A_message_that_is_not_a_valid_record_is_refused_with_its_fields_named()
    {
        var invalid = new { id = "", method = "GET /x", path = "loans", statusCode = 42, correlationId = "two words", clientIp = "not-an-ip", roles = new[] { "" } };

        var problem = await Assert.ThrowsAsync<ProblemException>(() => Handler.HandleAsync(JsonSerializer.Serialize(invalid), CancellationToken.None));

        Assert.Equal(
            ["clientIp", "correlationId", "id", "method", "path", "roles", "statusCode", "time"],
            ((Dictionary<string, string[]>)problem.Extensions["errors"]!).Keys.Order());
    }

    /// <summary>The message API Management's policy builds: the AuditedRequest's JSON, base64-encoded as the queue trigger expects.</summary>
    private static string Message(string id, string subject, string path, string userAgent = "tests") =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            id, time = DateTimeOffset.UtcNow, subject, roles = new[] { "Customer" }, method = "get", path, route = "/loans/{loanId}",
            statusCode = 404, correlationId = "apim-" + id, clientIp = "203.0.113.7", userAgent,
        })));

    /// <summary>One batch as the queue trigger takes it: up to 32, run at once, each deleted only once appended.</summary>
    private async Task<int> ConsumeAsync()
    {
        var appended = 0;
        var batch = (await queue.ReceiveMessagesAsync(32, Visibility)).Value;
        await Task.WhenAll(batch.Select(async message =>
        {
            try
            {
                await Handler.HandleAsync(Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)), CancellationToken.None);
            }
            catch (HttpRequestException)
            {
                // Left on the queue: visible again after the timeout, as the trigger leaves a message whose function threw.
                return;
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            Interlocked.Increment(ref appended);
        }));
        return appended;
    }

    private async Task<IReadOnlyList<AuditRecord>> RecordsAsync(string subject) =>
        (await Trail.SearchAsync(subject, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), 1000, null)).Items;
}
