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
        // Gathered first, so no query is open while the dispatcher writes; dispatched as queried, so a document whose events
        // are too young (its write's own publishing is under way) costs no read, and a stale one is read again on removal.
        var documents = new List<StoredDocument<T>>();
        await foreach (var document in store.QueryAsync(DocumentQuery.Where("hasPendingEvents", true), cancellationToken))
        {
            documents.Add(document);
        }

        var published = 0;
        foreach (var document in documents)
        {
            published += await dispatcher.DispatchAsync(document, options.Value.MinimumAge, cancellationToken);
        }

        return published;
    }
}
