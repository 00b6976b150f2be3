using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Audit;

public static class AuditExtensions
{
    /// <summary>The trail's own store: a file or container apart from the hosting service's documents.</summary>
    public const string StoreName = "audit";

    public const string BlockDocumentType = "auditBlock";

    /// <summary>
    /// The audit trail in a store of its own (<c>{Data:Path}/audit/audit.db</c>, or the Cosmos container <c>audit</c>), so
    /// the service's data and the trail have separate access, retention and backups; and the checkpoint store it is
    /// verified against.
    /// </summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        // Once per host, however many features ask for it (a store registers its initializer and health check once).
        if (services.Any(descriptor => descriptor.ServiceType == typeof(AuditTrail)))
        {
            return services;
        }

        services.AddKeyedDocumentStore(StoreName);
        services.AddKeyedDocumentType<AuditBlock>(StoreName, BlockDocumentType);
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName)
            .Validate(options => options.Shards is > 0 and <= 999 && options.Bucket >= TimeSpan.FromMinutes(1) && options.RetentionDays > 0,
                "Audit:Shards must be 1-999, Audit:Bucket at least a minute, Audit:RetentionDays positive.");
        services.AddOptions<AuditCheckpointStoreOptions>().BindConfiguration(AuditCheckpointStoreOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditShards>();
        services.TryAddSingleton(CreateCheckpointStore);
        services.AddSingleton<AuditTrail>();
        return services;
    }

    /// <summary>The writer of checkpoints, run periodically by <see cref="AuditCheckpointService"/> (local host) or a timer trigger (Azure).</summary>
    public static IServiceCollection AddAuditCheckpointWriter(this IServiceCollection services)
    {
        services.AddAuditTrail();
        return services.AddSingleton<AuditCheckpointWriter>();
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

    /// <summary>
    /// The durable hand-off in front of an <see cref="AuditTrail"/> the host registers: the spool file under
    /// <c>{dataPath}/audit/spool</c> and the drainer that appends it to the trail.
    /// </summary>
    public static IServiceCollection AddAuditSpool(this IServiceCollection services, string dataPath)
    {
        services.AddSingleton(new AuditSpool(Path.Combine(dataPath, StoreName, "spool")));
        return services.AddHostedService<AuditSpoolDrainer>();
    }

    private static IAuditCheckpointStore CreateCheckpointStore(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<AuditCheckpointStoreOptions>>().Value;
        if (options.ConnectionString is { Length: > 0 } connectionString)
        {
            var service = new BlobServiceClient(connectionString, provider.GetService<BlobClientOptions>());
            return service.Uri.IsLoopback
                ? new BlobAuditCheckpointStore(service.GetBlobContainerClient(options.Container))
                : throw new InvalidOperationException("Audit:Checkpoints:ConnectionString is only for Azurite on a loopback address; use ContainerUri with a managed identity.");
        }

        if (options.ContainerUri is { } containerUri)
        {
            var credential = provider.GetService<TokenCredential>() ?? new DefaultAzureCredential();
            return new BlobAuditCheckpointStore(new BlobContainerClient(containerUri, credential, provider.GetService<BlobClientOptions>()));
        }

        var dataPath = provider.GetRequiredService<IConfiguration>()["Data:Path"] ?? ".data";
        return new FileAuditCheckpointStore(Path.Combine(dataPath, StoreName, "checkpoints.jsonl"));
    }
}
