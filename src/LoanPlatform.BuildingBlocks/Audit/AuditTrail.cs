using System.Globalization;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// The append-only, hash-chained audit trail in one partition of a document store. A record is created under its
/// zero-padded sequence (so two writers cannot both take a number), then the head document moves to it with an
/// ETag-checked replace. A writer that finds the next number taken by a record the head has not reached yet (a racing
/// or crashed writer) moves the head on for it and tries again, so the chain never stalls. A record with a
/// <see cref="AuditRecord.SourceEventId"/> is appended once: each attempt first looks for that source among the records
/// up to the head it read and any in flight past it, and two writers of the same source racing for one sequence are
/// decided by the conditional create (the loser finds the winner's record on its next attempt).
/// </summary>
public sealed class AuditTrail(
    [FromKeyedServices(AuditExtensions.StoreName)] IDocumentStore<AuditRecord> records,
    [FromKeyedServices(AuditExtensions.StoreName)] IDocumentStore<AuditChainHead> heads)
{
    public const string Partition = "audit";
    public const string HeadId = "head";
    private const int MaxAttempts = 50;

    // Writers in one process take turns; across processes the store's conditional writes decide.
    private readonly SemaphoreSlim appending = new(1, 1);

    public static string IdOf(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    public async Task<AuditRecord> AppendAsync(AuditRecord entry, CancellationToken cancellationToken = default)
    {
        await appending.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var head = await heads.FindAsync(Partition, HeadId, cancellationToken);
                var previous = head?.Value ?? new AuditChainHead(0, AuditHash.Genesis);
                if (entry.SourceEventId is { } source && await FindBySourceAsync(source, cancellationToken) is { } recorded)
                {
                    return recorded;
                }

                var linked = entry with { Sequence = previous.LastSequence + 1, PreviousHash = previous.LastHash, Hash = "" };
                var record = linked with { Hash = AuditHash.Compute(linked) };
                try
                {
                    await records.CreateAsync(Partition, IdOf(record.Sequence), record, cancellationToken: cancellationToken);
                    await TryAdvanceHeadAsync(head, record, cancellationToken);
                    return record;
                }
                catch (DocumentConflictException) when (attempt < MaxAttempts)
                {
                    var taken = await records.FindAsync(Partition, IdOf(record.Sequence), cancellationToken);
                    if (taken is not null && taken.Value.PreviousHash == previous.LastHash)
                    {
                        await TryAdvanceHeadAsync(head, taken.Value, cancellationToken);
                    }
                }
            }
        }
        finally
        {
            appending.Release();
        }
    }

    /// <summary>The records matching <paramref name="query"/> in sequence order, at most <paramref name="maxItems"/> of the latest.</summary>
    public async Task<IReadOnlyList<AuditRecord>> SearchAsync(AuditQuery query, int maxItems, CancellationToken cancellationToken = default)
    {
        var matches = new List<AuditRecord>();
        foreach (var record in await ReadAllAsync(cancellationToken))
        {
            if ((query.Subject is null || record.Actor == query.Subject || record.Resource.Contains(query.Subject, StringComparison.Ordinal))
                && (query.From is null || record.Time >= query.From)
                && (query.To is null || record.Time <= query.To))
            {
                matches.Add(record);
            }
        }

        return matches.TakeLast(maxItems).ToArray();
    }

    /// <summary>
    /// Walks the chain from the first record: an edited record no longer matches its hash, a deleted one leaves a gap in the
    /// sequence or a previous hash that does not match, and a deleted tail leaves the head pointing past the last record.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var head = (await heads.FindAsync(Partition, HeadId, cancellationToken))?.Value ?? new AuditChainHead(0, AuditHash.Genesis);
        long expected = 1;
        var previousHash = AuditHash.Genesis;
        foreach (var record in await ReadAllAsync(cancellationToken))
        {
            if (record.Sequence != expected || record.PreviousHash != previousHash || record.Hash != AuditHash.Compute(record))
            {
                return new AuditVerification(false, expected - 1, expected);
            }

            previousHash = record.Hash;
            expected++;
        }

        var checkedCount = expected - 1;
        // Records past the head are a writer's in-flight append; fewer records than the head means the tail was deleted.
        return checkedCount < head.LastSequence
            ? new AuditVerification(false, checkedCount, expected)
            : new AuditVerification(true, checkedCount, null);
    }

    private async Task<AuditRecord?> FindBySourceAsync(string sourceEventId, CancellationToken cancellationToken)
    {
        var query = DocumentQuery.InPartition(Partition).And("sourceEventId", sourceEventId) with { MaxItems = 1 };
        await foreach (var stored in records.QueryAsync(query, cancellationToken))
        {
            return stored.Value;
        }

        return null;
    }

    // The store streams in id order per adapter; sorting here keeps the walk independent of that.
    private async Task<IReadOnlyList<AuditRecord>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var all = new List<AuditRecord>();
        await foreach (var stored in records.QueryAsync(DocumentQuery.InPartition(Partition), cancellationToken))
        {
            all.Add(stored.Value);
        }

        return all.OrderBy(r => r.Sequence).ToArray();
    }

    private async Task TryAdvanceHeadAsync(StoredDocument<AuditChainHead>? head, AuditRecord record, CancellationToken cancellationToken)
    {
        var next = new AuditChainHead(record.Sequence, record.Hash);
        try
        {
            if (head is null)
            {
                await heads.CreateAsync(Partition, HeadId, next, cancellationToken: cancellationToken);
            }
            else
            {
                await heads.ReplaceAsync(Partition, HeadId, next, head.ETag, cancellationToken: cancellationToken);
            }
        }
        catch (Exception e) when (e is DocumentConflictException or DocumentPreconditionFailedException)
        {
            // Another writer moved the head first, to this very record: the only one that links to the head it read.
        }
    }
}
