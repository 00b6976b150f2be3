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
}
