namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>Appends changes to a trail this process can write: the local host, where every service shares the trail's file.</summary>
public sealed class TrailAuditChangeSink(AuditTrail trail) : IAuditChangeSink
{
    public Task RecordAsync(AuditedChange change, CancellationToken cancellationToken) => trail.AppendAsync(change.ToRecord(), cancellationToken);
}
