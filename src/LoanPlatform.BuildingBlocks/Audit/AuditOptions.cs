namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>The <c>Audit</c> section: how the trail is split, how long it is kept, how often it is checkpointed.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>
    /// Chains per time bucket. Records go to a shard by a hash of their resource, so appends to different shards never
    /// wait for each other. Raise it freely; never lower it, or the higher shards of older buckets are no longer read.
    /// </summary>
    public int Shards { get; set; } = 16;

    /// <summary>
    /// The time span one partition holds: a record's partition is its time's bucket and its shard, which bounds every
    /// logical partition's size (Cosmos DB caps one at 20 GB) by the request rate of one bucket.
    /// </summary>
    public TimeSpan Bucket { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many shards a batch appends to at once (every shard by default). The embedded store has a single writer, so
    /// parallel appends only contend there: the local host sets 1.
    /// </summary>
    public int? AppendParallelism { get; set; }

    /// <summary>How long records are kept (each carries this as its time to live); five years by default.</summary>
    public int RetentionDays { get; set; } = 5 * 365 + 1;

    /// <summary>How often the checkpoint writer records every changed shard's last hash in the immutable store.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far back the checkpoint writer looks for shards that grew (records handed off late land in their own time's
    /// bucket); verification reads the checkpoints written up to this long after a bucket.
    /// </summary>
    public TimeSpan CheckpointLookback { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The widest time range one search or verification may span.</summary>
    public TimeSpan MaxRange { get; set; } = TimeSpan.FromDays(31);

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
