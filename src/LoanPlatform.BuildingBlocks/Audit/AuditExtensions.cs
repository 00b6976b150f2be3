using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Audit;

public static class AuditExtensions
{
    /// <summary>The trail's own store: a file or container apart from the hosting service's documents.</summary>
    public const string StoreName = "audit";

    public const string RecordDocumentType = "auditRecord";
    public const string HeadDocumentType = "auditHead";

    /// <summary>
    /// The audit trail in a store of its own (<c>{Data:Path}/audit/audit.db</c>, or the Cosmos container <c>audit</c>), so
    /// the service's data and the trail have separate access, retention and backups.
    /// </summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddKeyedDocumentStore(StoreName);
        services.AddKeyedDocumentType<AuditRecord>(StoreName, RecordDocumentType);
        services.AddKeyedDocumentType<AuditChainHead>(StoreName, HeadDocumentType);
        return services.AddSingleton<AuditTrail>();
    }

    /// <summary>
    /// Audits every event of this service's outbox as a change of <paramref name="resourcePrefix"/>/{subject}: sent to the
    /// trail's service when <c>Services:Audit:InternalUrl</c> is set (Azure), else appended to the trail's own store,
    /// which the local host's services share.
    /// </summary>
    public static IServiceCollection AddChangeAudit(this IServiceCollection services, IConfiguration configuration, string resourcePrefix)
    {
        if (!string.IsNullOrEmpty(configuration[AuditIngestClient.BaseAddressKey]))
        {
            services.AddInternalApiClient<AuditIngestClient>(AuditIngestClient.BaseAddressKey, configuration);
            services.AddSingleton<IAuditChangeSink>(provider => new AuditIngestClient(provider.GetRequiredService<IHttpClientFactory>()));
        }
        else
        {
            services.AddAuditTrail();
            services.AddSingleton<IAuditChangeSink, TrailAuditChangeSink>();
        }

        return services.AddSingleton<IOutboxPublisher>(provider => new AuditChangePublisher(provider.GetRequiredService<IAuditChangeSink>(), resourcePrefix));
    }

    /// <summary>The queue and background writer in front of an <see cref="AuditTrail"/> the host registers.</summary>
    public static IServiceCollection AddAuditQueue(this IServiceCollection services)
    {
        services.AddSingleton<AuditQueue>();
        return services.AddHostedService<AuditWriterService>();
    }
}
