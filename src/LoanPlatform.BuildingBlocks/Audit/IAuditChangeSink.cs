namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>Where a service's committed changes go to be audited: the trail itself, or the service that keeps it.</summary>
public interface IAuditChangeSink
{
    Task RecordAsync(AuditedChange change, CancellationToken cancellationToken);
}
