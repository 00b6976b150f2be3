using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.Loans.Tests;

/// <summary>Loan transitions leaving the outbox, on the trail's own embedded store: once per event, under the causing request's correlation id.</summary>
public sealed class LoanAuditPublisherTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loans-audit-" + Guid.NewGuid().ToString("N"));
    private IHost _host = null!;

    private AuditTrail Trail => _host.Services.GetRequiredService<AuditTrail>();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Path"] = _folder });
        builder.Services.AddAuditTrail();
        builder.Services.AddSingleton<LoanAuditPublisher>();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_same_transition_published_twice_is_one_record_with_its_correlation_id_and_the_chain_verifies()
    {
        var publisher = _host.Services.GetRequiredService<LoanAuditPublisher>();
        var at = DateTimeOffset.UtcNow;
        var transition = OutboxEvent.Create(EventTypes.LoanStatusChanged, LoanStatusChanged.Version, "loan-1",
            new LoanStatusChanged("loan-1", "customer-1", "PendingApproval", "Rejected", "staff-officer1", "LoanOfficer", at), at, correlationId: "reject-request-1");

        await publisher.PublishAsync(transition, CancellationToken.None);
        // The sweeper re-sends what the dispatcher published but could not yet remove.
        await publisher.PublishAsync(transition, CancellationToken.None);

        var record = Assert.Single((await Trail.SearchAsync("loan-1", at.AddHours(-1), at.AddHours(1), 100, null)).Items);
        Assert.Equal("reject-request-1", record.CorrelationId);
        Assert.Equal(transition.EventId, record.SourceEventId);
        Assert.Equal("LoanStatusChanged PendingApproval->Rejected", record.Action);
        Assert.Equal(("staff-officer1", "LoanOfficer", "/loans/loan-1"), (record.Actor, record.Role, record.Resource));
        var verification = await Trail.VerifyAsync(at.AddHours(-1), at.AddHours(1));
        Assert.Equal((true, 1L), (verification.Valid, verification.Checked));
    }

    [Fact]
    public async Task A_referral_to_the_applicant_is_recorded_as_the_officers_change()
    {
        var publisher = _host.Services.GetRequiredService<LoanAuditPublisher>();
        var at = DateTimeOffset.UtcNow;
        var referral = OutboxEvent.Create(EventTypes.LoanReferredToApplicant, LoanReferredToApplicant.Version, "loan-3",
            new LoanReferredToApplicant("loan-3", "customer-3", at.AddHours(72), at), at, correlationId: "refer-request-1") with { ActorId = "staff-officer2", ActorRole = "LoanOfficer" };

        await publisher.PublishAsync(referral, CancellationToken.None);
        await publisher.PublishAsync(referral, CancellationToken.None);

        var record = Assert.Single((await Trail.SearchAsync("loan-3", at.AddHours(-1), at.AddHours(1), 100, null)).Items);
        Assert.Equal(("LoanReferredToApplicant", "/loans/loan-3"), (record.Action, record.Resource));
        Assert.Equal(("staff-officer2", "LoanOfficer", "refer-request-1"), (record.Actor, record.Role, record.CorrelationId));
    }

    [Fact]
    public async Task An_event_stored_before_it_carried_a_correlation_id_is_still_read_and_recorded()
    {
        var publisher = _host.Services.GetRequiredService<LoanAuditPublisher>();
        // An outbox entry as written before the field existed: no correlationId property at all.
        var stored = System.Text.Json.JsonSerializer.Deserialize<OutboxEvent>("""
            {"eventId":"old-1","type":"LoanStatusChanged","version":1,"occurredAt":"2025-01-01T00:00:00Z","subject":"loan-2",
             "payload":{"loanId":"loan-2","applicantId":"customer-2","from":"Submitted","to":"Scoring","actorId":"system","actorRole":"System","changedAt":"2025-01-01T00:00:00Z"}}
            """, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

        await publisher.PublishAsync(stored, CancellationToken.None);

        var record = Assert.Single((await Trail.SearchAsync("loan-2", stored.OccurredAt.AddHours(-1), stored.OccurredAt.AddHours(1), 100, null)).Items);
        Assert.Null(record.CorrelationId);
        Assert.Equal("old-1", record.SourceEventId);
    }

    [Fact]
    public async Task The_transitions_of_one_write_are_recorded_in_one_block_once_each()
    {
        var publisher = _host.Services.GetRequiredService<LoanAuditPublisher>();
        var at = DateTimeOffset.UtcNow;
        // Scoring's write: Submitted -> Scoring -> PendingApproval, and an event the trail does not record.
        OutboxEvent[] scoring =
        [
            Transition("loan-4", "Submitted", "Scoring", at),
            Transition("loan-4", "Scoring", "PendingApproval", at),
            OutboxEvent.Create(EventTypes.LoanApproved, LoanApproved.Version, "loan-4", new { loanId = "loan-4" }, at),
        ];

        await publisher.PublishManyAsync(scoring, CancellationToken.None);
        // The sweeper sends them again, one by one.
        await publisher.PublishAsync(scoring[1], CancellationToken.None);

        var records = (await Trail.SearchAsync("loan-4", at.AddHours(-1), at.AddHours(1), 100, null)).Items;
        Assert.Equal(["LoanStatusChanged Submitted->Scoring", "LoanStatusChanged Scoring->PendingApproval"], records.Select(r => r.Action));
        var blocks = _host.Services.GetRequiredKeyedService<IDocumentStore<AuditBlock>>(AuditExtensions.StoreName);
        var block = Assert.Single(await blocks.QueryAsync(DocumentQuery.InPartition(Trail.Shards.PartitionOf(records[0]))).ToListAsync());
        Assert.Equal([1L, 2L], block.Value.Records.Select(r => r.Sequence));
    }

    [Fact]
    public async Task The_transitions_of_loans_written_within_a_second_share_their_shards_block()
    {
        var publisher = _host.Services.GetRequiredService<LoanAuditPublisher>();
        var at = DateTimeOffset.UtcNow;
        // Five loans' writes a tenth of a second apart, in one shard: each publish waits up to the gathering window, so
        // the first one's block takes the others along instead of each writing its own.
        var loans = Enumerable.Range(0, 200).Select(i => $"loan-shared-{i}")
            .GroupBy(loanId => Trail.Shards.PartitionOf(AuditedChangeOf(loanId, at)))
            .First(shard => shard.Count() >= 5).Take(5).ToArray();
        var publishing = new List<Task>();
        foreach (var loanId in loans)
        {
            publishing.Add(publisher.PublishManyAsync([Transition(loanId, "Scoring", "PendingApproval", at)], CancellationToken.None));
            await Task.Delay(100);
        }

        await Task.WhenAll(publishing);

        var blocks = await _host.Services.GetRequiredKeyedService<IDocumentStore<AuditBlock>>(AuditExtensions.StoreName)
            .QueryAsync(DocumentQuery.InPartition(Trail.Shards.PartitionOf(AuditedChangeOf(loans[0], at)))).ToListAsync();
        Assert.Equal(loans.Select(loanId => $"/loans/{loanId}").Order(), blocks.SelectMany(block => block.Value.Records).Select(r => r.Resource).Order());
        // One block; two when a busy machine stretches the pauses past the window. Without gathering, five.
        Assert.InRange(blocks.Count, 1, 2);
    }

    /// <summary>The shard key of a loan's transition record: its resource and time, as the publisher writes them.</summary>
    private static AuditRecord AuditedChangeOf(string loanId, DateTimeOffset at) =>
        new(at, "system", "System", "LoanStatusChanged", $"/loans/{loanId}", "success", StatusCode: null, CorrelationId: null, ClientIp: null, UserAgent: null);

    private static OutboxEvent Transition(string loanId, string from, string to, DateTimeOffset at) =>
        OutboxEvent.Create(EventTypes.LoanStatusChanged, LoanStatusChanged.Version, loanId,
            new LoanStatusChanged(loanId, "customer-4", from, to, "system", "System", at), at, correlationId: "submit-request-4");
}
