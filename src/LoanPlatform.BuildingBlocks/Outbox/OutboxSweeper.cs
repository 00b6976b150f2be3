using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// Finds documents that still hold events (a crash or a failed publish after the commit) and dispatches them again.
/// The local host runs it on an interval (<see cref="OutboxSweeperService{T}"/>); a Function app from a timer trigger.
/// </summary>
public sealed class OutboxSweeper<T>(IDocumentStore<T> store, OutboxDispatcher<T> dispatcher, IOptions<OutboxOptions> options)
    where T : class, IHasOutbox<T>
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var documents = new List<(string PartitionKey, string Id)>();
        await foreach (var document in store.QueryAsync(DocumentQuery.Where("hasPendingEvents", true), cancellationToken))
        {
            documents.Add((document.PartitionKey, document.Id));
        }

        var published = 0;
        foreach (var (partitionKey, id) in documents)
        {
            published += await dispatcher.DispatchAsync(partitionKey, id, options.Value.MinimumAge, cancellationToken);
        }

        return published;
    }
}
