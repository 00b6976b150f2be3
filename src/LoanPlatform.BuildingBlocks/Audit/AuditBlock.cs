namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// One document of the trail: consecutive records of one shard, each keeping its own sequence, previous hash and hash,
/// so the chain and every check stay per record. A shard's blocks are numbered from 1 (the document id), densely, and a
/// writer claims the next number by creating it, as a record once did: a write costs about the same whether it holds one
/// record or a hundred, so a batch is one write instead of one per record.
/// </summary>
public sealed record AuditBlock(IReadOnlyList<AuditRecord> Records)
{
    /// <summary>The source event ids of the records, stored beside them so a writer can find the block of one with a query.</summary>
    public IReadOnlyList<string> SourceEventIds => [.. Records.Select(record => record.SourceEventId).OfType<string>()];

    /// <summary>
    /// The most records one block holds: at ~530 B a record, 100 make ~53 KB, which Cosmos DB charges ~20 RU to write
    /// (0.2 a record, against 4.95 for a record alone); beyond ~64 KB the charge grows with the size, so larger blocks save
    /// little, while every writer that loses a race reads the winner's whole block.
    /// </summary>
    public const int MaxRecords = 100;

    /// <summary>
    /// The most bytes of records one block holds, whatever their count: far below Cosmos DB's 2 MB item limit, so records
    /// longer than usual (a long path or user agent) can never make a block unwritable.
    /// </summary>
    public const int MaxBytes = 256 * 1024;
}
