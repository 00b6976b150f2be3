using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// Lets a consumer handle each event id once under at-least-once delivery. The first delivery claims the id (an atomic
/// create), completes the claim when done and releases it when it fails; a duplicate sees the completed record and is
/// skipped, or a live claim and is retried later; a claim older than <see cref="OutboxOptions.ClaimLease"/> (its holder
/// crashed) is taken over. Records are kept for <see cref="Retention"/>, longer than any redelivery.
/// </summary>
public sealed class EventDeduplicator(IDocumentStore<ProcessedEvent> store, IOptions<OutboxOptions> options, TimeProvider time)
{
    public const string DocumentType = "processedEvent";

    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public async Task<ClaimResult> TryClaimAsync(string consumer, string eventId, CancellationToken cancellationToken)
    {
        var claim = new ProcessedEvent(eventId, consumer, time.GetUtcNow());
        try
        {
            await store.CreateAsync(consumer, eventId, claim, new DocumentWriteOptions(Retention), cancellationToken);
            return ClaimResult.Claimed;
        }
        catch (DocumentConflictException)
        {
        }

        var existing = await store.FindAsync(consumer, eventId, cancellationToken);
        if (existing is null)
        {
            // Released between our create and read: the next delivery will claim it.
            return ClaimResult.InProgress;
        }

        if (existing.Value.CompletedAt is not null)
        {
            return ClaimResult.AlreadyHandled;
        }

        if (time.GetUtcNow() - existing.Value.ClaimedAt < options.Value.ClaimLease)
        {
            return ClaimResult.InProgress;
        }

        try
        {
            await store.ReplaceAsync(consumer, eventId, claim, existing.ETag, new DocumentWriteOptions(Retention), cancellationToken);
            return ClaimResult.Claimed;
        }
        catch (Exception e) when (e is DocumentPreconditionFailedException or DocumentNotFoundException)
        {
            return ClaimResult.InProgress;
        }
    }

    public async Task CompleteAsync(string consumer, string eventId, CancellationToken cancellationToken)
    {
        var existing = await store.FindAsync(consumer, eventId, cancellationToken);
        var completed = new ProcessedEvent(eventId, consumer, existing?.Value.ClaimedAt ?? time.GetUtcNow(), time.GetUtcNow());
        if (existing is null)
        {
            await store.CreateAsync(consumer, eventId, completed, new DocumentWriteOptions(Retention), cancellationToken);
        }
        else
        {
            await store.ReplaceAsync(consumer, eventId, completed, existing.ETag, new DocumentWriteOptions(Retention), cancellationToken);
        }
    }

    public Task ReleaseAsync(string consumer, string eventId) => store.DeleteAsync(consumer, eventId, cancellationToken: CancellationToken.None);
}
