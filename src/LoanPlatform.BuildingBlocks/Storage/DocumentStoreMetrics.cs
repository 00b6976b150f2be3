using System.Diagnostics;
using System.Diagnostics.Metrics;
using LoanPlatform.BuildingBlocks.ServiceDefaults;

namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>
/// What each document-store call costs in the terms Cosmos DB bills by: one measurement per call (point read, query,
/// write), its size in bytes, tagged with the operation, the document type and, for queries, whether they stayed in one
/// partition. Both adapters record the same way, so a run on the embedded store can be priced in request units
/// (<c>bench/LoanPlatform.LoadTest cost</c>) and the same meter shows in Azure Monitor.
/// </summary>
public static class DocumentStoreMetrics
{
    public const string MeterName = TelemetryExtensions.SourcePrefix + "DocumentStore";
    public const string OperationTag = "db.operation.name";
    public const string DocumentTypeTag = "loanplatform.document_type";
    public const string ScopeTag = "loanplatform.query_scope";

    /// <summary>Operation names: a point read that found or missed, a query, and the writes.</summary>
    public const string Read = "read", ReadMissing = "read-missing", Query = "query", Create = "create", Replace = "replace",
        Delete = "delete", Refused = "refused";

    public const string SinglePartition = "partition", CrossPartition = "cross-partition";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Bytes moved by one call: the document read or written, or every document a query returned.</summary>
    public static readonly Histogram<long> OperationBytes = Meter.CreateHistogram<long>(
        "loanplatform.document_store.operation.size", "By", "Bytes of document read, written or returned by one document-store call.");

    internal static void Record(string operation, string documentType, long bytes, string? scope = null)
    {
        var tags = new TagList { { OperationTag, operation }, { DocumentTypeTag, documentType } };
        if (scope is not null)
        {
            tags.Add(ScopeTag, scope);
        }

        OperationBytes.Record(bytes, tags);
    }

    internal static string ScopeOf(DocumentQuery query) => query.PartitionKey is null ? CrossPartition : SinglePartition;
}
