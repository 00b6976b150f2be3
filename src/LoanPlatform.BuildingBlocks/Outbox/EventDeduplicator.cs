using LoanPlatform.BuildingBlocks.Storage;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// Lets a consumer handle each event id once under at-least-once delivery: the first claim creates a processed-id
/// record (kept for <see cref="Retention"/>, longer than any redelivery), later ones find it taken. A handler that fails
/// releases its claim so the retry of the same delivery can run.
/// </summary>
public sealed class EventDeduplicator(IDocumentStore<ProcessedEvent> store, TimeProvider time)
{
    public const string DocumentType = "processedEvent";

    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public async Task<bool> TryClaimAsync(string consumer, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateAsync(consumer, eventId, new ProcessedEvent(eventId, consumer, time.GetUtcNow()), new DocumentWriteOptions(Retention), cancellationToken);
            return true;
        }
        catch (DocumentConflictException)
        {
            return false;
        }
    }

    public Task ReleaseAsync(string consumer, string eventId) => store.DeleteAsync(consumer, eventId, cancellationToken: CancellationToken.None);
}
