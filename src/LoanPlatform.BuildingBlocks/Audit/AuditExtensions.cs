using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Audit;

public static class AuditExtensions
{
    public const string RecordDocumentType = "auditRecord";
    public const string HeadDocumentType = "auditHead";

    /// <summary>The audit trail in the service's own document store (which must already be registered).</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddDocumentType<AuditRecord>(RecordDocumentType);
        services.AddDocumentType<AuditChainHead>(HeadDocumentType);
        return services.AddSingleton<AuditTrail>();
    }

    /// <summary>The queue and background writer in front of an <see cref="AuditTrail"/> the host registers.</summary>
    public static IServiceCollection AddAuditQueue(this IServiceCollection services)
    {
        services.AddSingleton<AuditQueue>();
        return services.AddHostedService<AuditWriterService>();
    }
}
