using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// Where a record's chain lives: the partition <c>audit-{bucket start, yyyyMMddHHmm}-{shard}</c>, from the record's time
/// and a hash of its resource. Each partition is one chain with its own sequence, so appends to different partitions never
/// contend, and a partition holds one bucket's worth of records at most.
/// </summary>
public sealed class AuditShards(IOptions<AuditOptions> options)
{
    private const string Prefix = "audit-";
    private const string BucketFormat = "yyyyMMddHHmm";

    private AuditOptions Options => options.Value;

    public string PartitionOf(AuditRecord record)
    {
        var hash = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(record.Resource)));
        return Partition(BucketOf(record.Time), (int)(hash % (uint)Options.Shards));
    }

    /// <summary>Every partition whose bucket overlaps [<paramref name="from"/>, <paramref name="to"/>], by bucket, then shard.</summary>
    public IEnumerable<string> PartitionsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        for (var bucket = BucketOf(from); bucket <= to; bucket += Options.Bucket)
        {
            for (var shard = 0; shard < Options.Shards; shard++)
            {
                yield return Partition(bucket, shard);
            }
        }
    }

    /// <summary>The start of the bucket a partition holds (null for a name that is not a partition of the trail).</summary>
    public static DateTimeOffset? BucketStartOf(string partition) =>
        partition.StartsWith(Prefix, StringComparison.Ordinal)
        && partition.Length > Prefix.Length + BucketFormat.Length
        && DateTimeOffset.TryParseExact(partition.AsSpan(Prefix.Length, BucketFormat.Length), BucketFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            ? start
            : null;

    private DateTimeOffset BucketOf(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - (time.UtcTicks % Options.Bucket.Ticks);
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private static string Partition(DateTimeOffset bucket, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{bucket.ToString(BucketFormat, CultureInfo.InvariantCulture)}-{shard:D3}");
}
