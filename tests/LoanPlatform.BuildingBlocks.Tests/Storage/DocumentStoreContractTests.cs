using System.Diagnostics.Metrics;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoanPlatform.BuildingBlocks.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IDocumentStore{T}"/> adapter must show. Each test works in partitions and
/// with values of its own, so the tests share one store without seeing each other's documents.
/// </summary>
public abstract class DocumentStoreContractTests(DocumentStoreHost host)
{
    private static readonly TimeSpan ShortLife = TimeSpan.FromSeconds(2);

    private readonly IDocumentStore<LoanApplication> loans = host.Services.GetRequiredService<IDocumentStore<LoanApplication>>();
    private readonly IDocumentStore<CreditCheck> creditChecks = host.Services.GetRequiredService<IDocumentStore<CreditCheck>>();
    private readonly string partition = Unique("customer");
    private readonly string applicant = Unique("applicant");

    [Fact]
    public async Task Created_document_is_found_with_the_same_value_and_etag()
    {
        var created = await loans.CreateAsync(partition, "loan-1", Loan());

        var found = await loans.FindAsync(partition, "loan-1");

        Assert.Equal(created, found);
        Assert.False(string.IsNullOrEmpty(created.ETag));
    }

    [Fact]
    public async Task Finding_a_missing_document_returns_null()
    {
        Assert.Null(await loans.FindAsync(partition, "never-written"));
    }

    [Fact]
    public async Task Creating_an_id_already_taken_in_the_partition_is_a_conflict()
    {
        await loans.CreateAsync(partition, "loan-1", Loan());

        await Assert.ThrowsAsync<DocumentConflictException>(() => loans.CreateAsync(partition, "loan-1", Loan() with { Amount = 1 }));
        Assert.Equal(Loan().Amount, (await loans.FindAsync(partition, "loan-1"))!.Value.Amount);
    }

    [Fact]
    public async Task The_same_id_in_another_partition_is_another_document()
    {
        var otherPartition = Unique("customer");
        await loans.CreateAsync(partition, "loan-1", Loan() with { Amount = 1 });
        await loans.CreateAsync(otherPartition, "loan-1", Loan() with { Amount = 2 });

        Assert.Equal(1, (await loans.FindAsync(partition, "loan-1"))!.Value.Amount);
        Assert.Equal(2, (await loans.FindAsync(otherPartition, "loan-1"))!.Value.Amount);
    }

    [Fact]
    public async Task Ids_with_characters_cosmos_forbids_round_trip()
    {
        const string id = "loan/2026\\a?b#c~7E:d";
        await loans.CreateAsync(partition, id, Loan());

        Assert.Equal(id, (await loans.FindAsync(partition, id))!.Id);
        Assert.Equal(id, Assert.Single(await loans.QueryAsync(DocumentQuery.InPartition(partition)).ToListAsync()).Id);
    }

    [Fact]
    public async Task Replacing_with_the_current_etag_stores_the_value_and_issues_a_new_etag()
    {
        var created = await loans.CreateAsync(partition, "loan-1", Loan());

        var replaced = await loans.ReplaceAsync(partition, "loan-1", Loan() with { Status = "approved" }, created.ETag);

        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal(replaced, await loans.FindAsync(partition, "loan-1"));
    }

    [Fact]
    public async Task Replacing_with_a_stale_etag_fails_the_precondition_and_keeps_the_current_value()
    {
        var created = await loans.CreateAsync(partition, "loan-1", Loan());
        var current = await loans.ReplaceAsync(partition, "loan-1", Loan() with { Status = "approved" }, created.ETag);

        await Assert.ThrowsAsync<DocumentPreconditionFailedException>(
            () => loans.ReplaceAsync(partition, "loan-1", Loan() with { Status = "rejected" }, created.ETag));
        Assert.Equal(current, await loans.FindAsync(partition, "loan-1"));
    }

    [Fact]
    public async Task Replacing_a_missing_document_is_not_found()
    {
        await Assert.ThrowsAsync<DocumentNotFoundException>(
            () => loans.ReplaceAsync(partition, "never-written", Loan(), "\"any-etag\""));
    }

    [Fact]
    public async Task Deleting_without_an_etag_removes_the_document()
    {
        await loans.CreateAsync(partition, "loan-1", Loan());

        Assert.True(await loans.DeleteAsync(partition, "loan-1"));
        Assert.Null(await loans.FindAsync(partition, "loan-1"));
    }

    [Fact]
    public async Task Deleting_with_the_current_etag_removes_the_document()
    {
        var created = await loans.CreateAsync(partition, "loan-1", Loan());

        Assert.True(await loans.DeleteAsync(partition, "loan-1", created.ETag));
        Assert.Null(await loans.FindAsync(partition, "loan-1"));
    }

    [Fact]
    public async Task Deleting_with_a_stale_etag_fails_the_precondition_and_keeps_the_document()
    {
        var created = await loans.CreateAsync(partition, "loan-1", Loan());
        await loans.ReplaceAsync(partition, "loan-1", Loan() with { Status = "approved" }, created.ETag);

        await Assert.ThrowsAsync<DocumentPreconditionFailedException>(() => loans.DeleteAsync(partition, "loan-1", created.ETag));
        Assert.NotNull(await loans.FindAsync(partition, "loan-1"));
    }

    [Fact]
    public async Task Deleting_a_missing_document_returns_false()
    {
        Assert.False(await loans.DeleteAsync(partition, "never-written"));
    }

    [Fact]
    public async Task Query_in_a_partition_returns_only_documents_matching_every_filter()
    {
        await loans.CreateAsync(partition, "match", Loan() with { Status = "submitted", TermMonths = 24 });
        await loans.CreateAsync(partition, "other-status", Loan() with { Status = "approved", TermMonths = 24 });
        await loans.CreateAsync(partition, "other-term", Loan() with { Status = "submitted", TermMonths = 36 });
        await loans.CreateAsync(Unique("customer"), "other-partition", Loan() with { Status = "submitted", TermMonths = 24 });

        var found = await loans.QueryAsync(
            DocumentQuery.InPartition(partition).And("status", "submitted").And("termMonths", 24)).ToListAsync();

        Assert.Equal(["match"], found.Select(document => document.Id));
        Assert.All(found, document => Assert.Equal(partition, document.PartitionKey));
    }

    [Fact]
    public async Task Query_finds_the_documents_whose_array_holds_a_value()
    {
        var notes = host.Services.GetRequiredService<IDocumentStore<TaggedNote>>();
        await notes.CreateAsync(partition, "tagged", new TaggedNote(["first", "second"]));
        await notes.CreateAsync(partition, "other", new TaggedNote(["third"]));
        await notes.CreateAsync(partition, "untagged", new TaggedNote([]));

        var found = await notes.QueryAsync(DocumentQuery.InPartition(partition).AndContains("tags", "second")).ToListAsync();

        Assert.Equal(["tagged"], found.Select(document => document.Id));
        Assert.Empty(await notes.QueryAsync(DocumentQuery.InPartition(partition).AndContains("tags", "secon")).ToListAsync());
    }

    [Fact]
    public async Task Query_across_partitions_returns_matches_from_each_partition()
    {
        var otherPartition = Unique("customer");
        await loans.CreateAsync(partition, "urgent-1", Loan() with { Urgent = true });
        await loans.CreateAsync(otherPartition, "urgent-2", Loan() with { Urgent = true });
        await loans.CreateAsync(otherPartition, "calm", Loan() with { Urgent = false });

        var found = await loans.QueryAsync(DocumentQuery.Where("applicant", applicant).And("urgent", true)).ToListAsync();

        Assert.Equal(
            new[] { (partition, "urgent-1"), (otherPartition, "urgent-2") }.Order(),
            found.Select(document => (document.PartitionKey, document.Id)).Order());
    }

    [Fact]
    public async Task Query_returns_at_most_max_items()
    {
        for (var i = 0; i < 5; i++)
        {
            await loans.CreateAsync(partition, $"loan-{i}", Loan());
        }

        var found = await loans.QueryAsync(DocumentQuery.InPartition(partition) with { MaxItems = 3 }).ToListAsync();

        Assert.Equal(3, found.Count);
        Assert.Equal(3, found.Select(document => document.Id).Distinct().Count());
    }

    [Fact]
    public async Task Query_rejects_a_field_name_that_is_not_a_plain_identifier()
    {
        var query = DocumentQuery.Where("status = status OR 1", "x");

        await Assert.ThrowsAsync<ArgumentException>(async () => await loans.QueryAsync(query).ToListAsync());
    }

    [Fact]
    public async Task Document_types_sharing_an_id_do_not_see_each_other()
    {
        await loans.CreateAsync(partition, "shared-id", Loan());
        await creditChecks.CreateAsync(partition, "shared-id", new CreditCheck(applicant, 700));

        Assert.Equal(700, (await creditChecks.FindAsync(partition, "shared-id"))!.Value.Score);
        Assert.Single(await creditChecks.QueryAsync(DocumentQuery.InPartition(partition)).ToListAsync());
        Assert.True(await creditChecks.DeleteAsync(partition, "shared-id"));
        Assert.Equal(applicant, (await loans.FindAsync(partition, "shared-id"))!.Value.Applicant);
    }

    [Fact]
    public async Task Expired_document_disappears_from_find_and_query_and_frees_its_id()
    {
        await loans.CreateAsync(partition, "short-lived", Loan(), new DocumentWriteOptions(ShortLife));
        await loans.CreateAsync(partition, "long-lived", Loan());
        Assert.NotNull(await loans.FindAsync(partition, "short-lived"));

        await Task.Delay(ShortLife + TimeSpan.FromSeconds(1.5));

        Assert.Null(await loans.FindAsync(partition, "short-lived"));
        Assert.Equal(["long-lived"], (await loans.QueryAsync(DocumentQuery.InPartition(partition)).ToListAsync()).Select(document => document.Id));
        await loans.CreateAsync(partition, "short-lived", Loan());
    }

    [Fact]
    public async Task Concurrent_replaces_quoting_the_same_etag_let_exactly_one_win()
    {
        var created = await loans.CreateAsync(partition, "contended", Loan());

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async attempt =>
        {
            try
            {
                await loans.ReplaceAsync(partition, "contended", Loan() with { TermMonths = attempt }, created.ETag);
                return true;
            }
            catch (DocumentPreconditionFailedException)
            {
                return false;
            }
        }));

        Assert.Single(attempts, won => won);
    }

    [Fact]
    public async Task Store_reports_ready()
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(registration => registration.Tags.Contains("ready"));

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.NotEmpty(report.Entries);
    }

    [Fact]
    public async Task Every_call_is_measured_with_the_bytes_it_moved()
    {
        var measured = new List<(string Operation, long Bytes, string? Scope)>();
        using var listener = ListenToThisFlow(measured);

        var created = await loans.CreateAsync(partition, "loan-1", Loan());
        await loans.FindAsync(partition, "loan-1");
        await loans.FindAsync(partition, "never-written");
        await loans.ReplaceAsync(partition, "loan-1", Loan() with { Amount = 1 }, created.ETag);
        await Assert.ThrowsAsync<DocumentPreconditionFailedException>(() => loans.ReplaceAsync(partition, "loan-1", Loan(), created.ETag));
        await loans.QueryAsync(DocumentQuery.InPartition(partition)).ToListAsync();
        await loans.DeleteAsync(partition, "loan-1");

        Assert.Equal(
            [DocumentStoreMetrics.Create, DocumentStoreMetrics.Read, DocumentStoreMetrics.ReadMissing, DocumentStoreMetrics.Replace,
                DocumentStoreMetrics.Refused, DocumentStoreMetrics.Query, DocumentStoreMetrics.Delete],
            measured.Select(m => m.Operation));
        var (_, written, _) = measured[0];
        Assert.InRange(written, 50, 4096);
        Assert.True(measured[1].Bytes >= written, "a point read moves at least the document written");
        Assert.True(measured[5].Bytes >= measured[3].Bytes, "the query returned the replaced document");
        Assert.Equal(DocumentStoreMetrics.SinglePartition, measured[5].Scope);
    }

    // The meter is process-wide and the tests run in parallel: only what this test's own calls record is kept.
    private static readonly AsyncLocal<List<(string Operation, long Bytes, string? Scope)>?> ThisFlow = new();

    private static MeterListener ListenToThisFlow(List<(string Operation, long Bytes, string? Scope)> measured)
    {
        ThisFlow.Value = measured;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DocumentStoreMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, bytes, tags, _) =>
        {
            string? operation = null, scope = null;
            foreach (var tag in tags)
            {
                operation = tag.Key == DocumentStoreMetrics.OperationTag ? tag.Value as string : operation;
                scope = tag.Key == DocumentStoreMetrics.ScopeTag ? tag.Value as string : scope;
            }

            ThisFlow.Value?.Add((operation!, bytes, scope));
        });
        listener.Start();
        return listener;
    }

    private LoanApplication Loan() => new(applicant, 25_000m, "submitted", 24, Urgent: false);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
