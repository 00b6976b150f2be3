using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Tests.Storage;

public sealed class EmbeddedDocumentStoreTests(EmbeddedDocumentStoreFixture fixture)
    : DocumentStoreContractTests(fixture.Host), IClassFixture<EmbeddedDocumentStoreFixture>
{
    [Fact]
    public async Task A_field_a_query_filters_on_is_indexed_so_the_query_does_not_scan_every_document()
    {
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore<LoanApplication>>();
        await store.CreateAsync("applicant-index", "loan-index", new LoanApplication("applicant-index", 1, "Scoring", 12, false));

        await foreach (var _ in store.QueryAsync(DocumentQuery.Where("status", "Scoring")))
        {
        }

        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // The same predicate the store writes for an equality filter.
        command.CommandText = "EXPLAIN QUERY PLAN SELECT id FROM documents WHERE type = 'loanApplication' AND json_extract(body, '$.status') = 'Scoring'";
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("INDEX documents_by_status", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_that_failed_in_SQLite_leaves_no_broken_connection_behind()
    {
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore<LoanApplication>>();
        var partition = "applicant-broken-" + Guid.NewGuid().ToString("N");
        await store.CreateAsync(partition, "loan", new LoanApplication(partition, 1, "Scoring", 12, false));

        // The table gone under the store: every call now fails inside SQLite, on a pooled connection.
        await RenameTableAsync("documents", "documents_away");
        try
        {
            await Assert.ThrowsAsync<SqliteException>(() => store.FindAsync(partition, "loan"));
            await Assert.ThrowsAsync<SqliteException>(async () =>
            {
                await foreach (var _ in store.QueryAsync(DocumentQuery.InPartition(partition)))
                {
                }
            });
        }
        finally
        {
            await RenameTableAsync("documents_away", "documents");
        }

        // Whatever the failed calls ran on was closed, not pooled; the statements of the others are prepared again.
        var found = await store.FindAsync(partition, "loan");
        Assert.Equal("Scoring", found?.Value.Status);
        await store.ReplaceAsync(partition, "loan", found!.Value with { Status = "Approved" }, found.ETag);
        Assert.Equal("Approved", (await store.FindAsync(partition, "loan"))?.Value.Status);
    }

    [Fact]
    public async Task Calls_in_parallel_each_get_a_connection_and_a_query_left_early_hands_its_back()
    {
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore<LoanApplication>>();
        var partition = "applicant-parallel-" + Guid.NewGuid().ToString("N");

        await Parallel.ForEachAsync(Enumerable.Range(0, 64), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var created = await store.CreateAsync(partition, $"loan-{i}", new LoanApplication(partition, i, "Scoring", 12, false), cancellationToken: token);
            await store.ReplaceAsync(partition, $"loan-{i}", created.Value with { Status = "Approved" }, created.ETag, cancellationToken: token);
            await foreach (var _ in store.QueryAsync(DocumentQuery.InPartition(partition), token))
            {
                break;
            }
        });

        var statuses = new List<string>();
        await foreach (var loan in store.QueryAsync(DocumentQuery.InPartition(partition)))
        {
            statuses.Add(loan.Value.Status);
        }

        Assert.Equal(64, statuses.Count);
        Assert.All(statuses, status => Assert.Equal("Approved", status));
    }

    [Fact]
    public async Task What_another_database_writes_to_the_file_is_read_at_once_also_on_connections_already_used()
    {
        await using var other = await DocumentStoreHost.StartAsync(new Dictionary<string, string?> { ["Data:Path"] = Path.GetDirectoryName(Path.GetDirectoryName(fixture.DatabasePath)) });
        var mine = fixture.Host.Services.GetRequiredService<IDocumentStore<LoanApplication>>();
        var theirs = other.Services.GetRequiredService<IDocumentStore<LoanApplication>>();
        var partition = "applicant-shared-" + Guid.NewGuid().ToString("N");

        for (var i = 0; i < 20; i++)
        {
            // Every pooled connection of mine has read (and missed) before the other writes.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => mine.FindAsync(partition, $"loan-{i}")));
            await theirs.CreateAsync(partition, $"loan-{i}", new LoanApplication(partition, i, "Scoring", 12, false));
            await Assert.ThrowsAsync<DocumentConflictException>(() => mine.CreateAsync(partition, $"loan-{i}", new LoanApplication(partition, i, "Scoring", 12, false)));
            Assert.NotNull(await mine.FindAsync(partition, $"loan-{i}"));
        }
    }

    private async Task RenameTableAsync(string from, string to)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER TABLE {from} RENAME TO {to}";
        await command.ExecuteNonQueryAsync();
    }
}
