using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// Lets a consumer handle each event id once under at-least-once delivery. The first delivery claims the id (an atomic
/// create), completes the claim when done and releases it when it fails; a duplicate sees the completed record and is
/// skipped, or a live claim and is retried later; a claim older than <see cref="OutboxOptions.ClaimLease"/> (its holder
/// crashed) is taken over, as <see cref="ClaimResult.InDoubt"/> when its holder had handed the effect over. Records are kept for <see cref="Retention"/>, longer than any redelivery.
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
            // The mark stays with the claim: should this holder die as well, the next one still knows.
            await store.ReplaceAsync(consumer, eventId, claim with { HandedOverAt = existing.Value.HandedOverAt }, existing.ETag, new DocumentWriteOptions(Retention), cancellationToken);
            return existing.Value.HandedOverAt is null ? ClaimResult.Claimed : ClaimResult.InDoubt;
        }
        catch (Exception e) when (e is DocumentPreconditionFailedException or DocumentNotFoundException)
        {
            return ClaimResult.InProgress;
        }
    }

    /// <summary>
    /// Records, durably and before the consumer lets go of it, that the effect is being handed to a receiver that cannot
    /// drop a repeat: from here on a crash leaves the event <see cref="ClaimResult.InDoubt"/> rather than unhandled.
    /// </summary>
    public async Task MarkHandedOverAsync(string consumer, string eventId, CancellationToken cancellationToken)
    {
        var existing = await store.FindAsync(consumer, eventId, cancellationToken)
            ?? throw new InvalidOperationException($"{consumer} holds no claim on event {eventId} to hand over.");
        await store.ReplaceAsync(consumer, eventId, existing.Value with { HandedOverAt = time.GetUtcNow() }, existing.ETag, new DocumentWriteOptions(Retention), cancellationToken);
    }

    /// <summary>
    /// For a consumer whose receiver drops a repeat itself (the same message id twice is one message): whether the event
    /// was handled before. No claim is taken, since a duplicate racing this delivery does no harm, so handling an event
    /// costs one read and one write (<see cref="RecordHandledAsync"/>) instead of a claim, a read and a replace.
    /// </summary>
    public async Task<bool> WasHandledAsync(string consumer, string eventId, CancellationToken cancellationToken) =>
        (await store.FindAsync(consumer, eventId, cancellationToken))?.Value.CompletedAt is not null;

    /// <summary>Records an event handled without a claim (<see cref="WasHandledAsync"/>), in one create when nothing else recorded it.</summary>
    public async Task RecordHandledAsync(string consumer, string eventId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            await store.CreateAsync(consumer, eventId, new ProcessedEvent(eventId, consumer, now, now), new DocumentWriteOptions(Retention), cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // A racing delivery, or a claim an earlier one left: complete that record instead.
            await CompleteAsync(consumer, eventId, cancellationToken);
        }
    }

    public async Task CompleteAsync(string consumer, string eventId, CancellationToken cancellationToken)
    {
        var existing = await store.FindAsync(consumer, eventId, cancellationToken);
        var completed = new ProcessedEvent(eventId, consumer, existing?.Value.ClaimedAt ?? time.GetUtcNow(), time.GetUtcNow(), existing?.Value.HandedOverAt);
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
