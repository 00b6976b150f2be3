using LoanPlatform.BuildingBlocks.Storage;

namespace LoanPlatform.LoadTest;

/// <summary>
/// Prices one document-store call in Cosmos DB request units from its operation and size, with Microsoft's published
/// rates ("Understand request unit consumption", https://learn.microsoft.com/azure/cosmos-db/understand-request-unit-consumption:
/// a point read of 1 KB is 1.00 RU and a write of 1 KB 4.95 RU, rising with size; session consistency, default indexing).
/// Queries are priced as the documented floor of a single-partition query with an index lookup plus the read rate of
/// what they return, and a cross-partition query pays that floor once per physical partition it fans out to
/// (<see cref="PhysicalPartitions"/>). Refusals (a 409 or 412) and deletes are not in the table: priced as a 1 KB read
/// and a 1 KB write. An estimate to plan with; the live figure is each response's x-ms-request-charge.
/// </summary>
public static class RequestUnits
{
    /// <summary>Size in KB → (read, write) RU, from the documented table.</summary>
    private static readonly (double Kb, double Read, double Write)[] Table =
    [
        (1, 1.00, 4.95), (2, 1.04, 6.29), (4, 1.14, 6.67), (8, 1.33, 7.04), (16, 1.67, 9.52), (32, 2.19, 11.23), (64, 4.76, 22.67),
        (128, 9.95, 48.19), (256, 20.28, 98.29), (512, 40.95, 184.57), (1024, 145.90, 625.00), (2048, 291.80, 1250.00),
    ];

    /// <summary>A query's floor: what a single-partition query with one index lookup and one small result is charged.</summary>
    public const double QueryFloor = 2.8;

    /// <summary>Physical partitions a cross-partition query fans out to (one below 50 GB and 10,000 RU/s).</summary>
    public static int PhysicalPartitions { get; set; } = 1;

    public static double Of(string operation, long bytes, string? scope) => operation switch
    {
        DocumentStoreMetrics.Read => Interpolate(bytes, write: false),
        DocumentStoreMetrics.ReadMissing or DocumentStoreMetrics.Refused => 1.0,
        DocumentStoreMetrics.Create or DocumentStoreMetrics.Replace => Interpolate(bytes, write: true),
        DocumentStoreMetrics.Delete => Table[0].Write,
        DocumentStoreMetrics.Query => QueryFloor * (scope == DocumentStoreMetrics.CrossPartition ? PhysicalPartitions : 1)
            + (bytes > 1024 ? Interpolate(bytes, write: false) - 1.0 : 0),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a document-store operation."),
    };

    private static double Interpolate(long bytes, bool write)
    {
        var kb = Math.Max(1.0, bytes / 1024.0);
        var upper = Array.FindIndex(Table, row => row.Kb >= kb);
        if (upper <= 0)
        {
            return write ? Table[upper < 0 ? ^1 : 0].Write : Table[upper < 0 ? ^1 : 0].Read;
        }

        var (lowKb, lowRead, lowWrite) = Table[upper - 1];
        var (highKb, highRead, highWrite) = Table[upper];
        var share = (kb - lowKb) / (highKb - lowKb);
        return write ? lowWrite + share * (highWrite - lowWrite) : lowRead + share * (highRead - lowRead);
    }
}
