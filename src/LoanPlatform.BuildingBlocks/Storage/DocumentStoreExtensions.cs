using System.Data.Common;
using Azure.Core;
using Azure.Identity;
using LoanPlatform.BuildingBlocks.Storage.Cosmos;
using LoanPlatform.BuildingBlocks.Storage.Embedded;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Storage;

public static class DocumentStoreExtensions
{
    /// <summary>
    /// Registers the service's document database from the <c>DocumentStore</c> section, a startup initializer and a
    /// health check tagged "ready". <see cref="CosmosClientOptions"/> can be configured through the options pattern
    /// (<c>services.Configure&lt;CosmosClientOptions&gt;</c>), e.g. by tests that talk to a stand-in.
    /// </summary>
    public static IHostApplicationBuilder AddDocumentStore(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var dataPath = builder.Configuration["Data:Path"] ?? ".data";
        builder.Services.AddOptions<DocumentStoreOptions>()
            .Bind(builder.Configuration.GetSection(DocumentStoreOptions.SectionName))
            .PostConfigure(options =>
            {
                options.EmbeddedPath ??= Path.Combine(dataPath, serviceName, $"{serviceName}.db");
                options.Cosmos.ContainerName ??= serviceName;
            });
        builder.Services.AddOptions<CosmosClientOptions>();
        builder.Services.AddSingleton<IDocumentStoreBackend>(CreateBackend);
        builder.Services.AddHostedService<DocumentStoreInitializer>();
        builder.Services.AddHealthChecks().AddCheck<DocumentStoreHealthCheck>($"document-store-{serviceName}", tags: ["ready"]);
        return builder;
    }

    /// <summary>Registers <see cref="IDocumentStore{T}"/> for documents of <paramref name="documentType"/> in the service's store.</summary>
    public static IServiceCollection AddDocumentType<T>(this IServiceCollection services, string documentType) where T : class
    {
        DocumentNames.DocumentType(documentType);
        return services.AddSingleton(provider => provider.GetRequiredService<IDocumentStoreBackend>().CreateStore<T>(documentType));
    }

    /// <summary>
    /// A second database beside the service's own, keyed by <paramref name="storeName"/>, for data that must not share the
    /// service's file or container (the audit trail): the embedded file <c>{Data:Path}/{name}/{name}.db</c>, or the Cosmos
    /// container <c>{name}</c> in the account and database the <c>DocumentStore</c> section names. It gets its own
    /// initializer and readiness check.
    /// </summary>
    public static IServiceCollection AddKeyedDocumentStore(this IServiceCollection services, string storeName)
    {
        DocumentNames.DocumentType(storeName);
        services.AddOptions<DocumentStoreOptions>(storeName)
            .BindConfiguration(DocumentStoreOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                // Always derived from the name: the section's own file and container belong to the service's main store.
                options.EmbeddedPath = Path.Combine(configuration["Data:Path"] ?? ".data", storeName, $"{storeName}.db");
                options.Cosmos.ContainerName = storeName;
            });
        services.AddOptions<CosmosClientOptions>();
        services.AddKeyedSingleton<IDocumentStoreBackend>(storeName, (provider, _) =>
            CreateBackend(provider.GetRequiredService<IOptionsMonitor<DocumentStoreOptions>>().Get(storeName), provider));
        // Added directly rather than with AddHostedService, which would drop a second initializer of the same type.
        services.AddSingleton<IHostedService>(provider => new DocumentStoreInitializer(provider.GetRequiredKeyedService<IDocumentStoreBackend>(storeName)));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            $"document-store-{storeName}",
            provider => new DocumentStoreHealthCheck(provider.GetRequiredKeyedService<IDocumentStoreBackend>(storeName)),
            failureStatus: null,
            tags: ["ready"]));
        return services;
    }

    /// <summary>Registers <see cref="IDocumentStore{T}"/>, keyed by <paramref name="storeName"/>, for documents in that keyed store.</summary>
    public static IServiceCollection AddKeyedDocumentType<T>(this IServiceCollection services, string storeName, string documentType) where T : class
    {
        DocumentNames.DocumentType(documentType);
        return services.AddKeyedSingleton(storeName, (provider, key) =>
            provider.GetRequiredKeyedService<IDocumentStoreBackend>(key).CreateStore<T>(documentType));
    }

    private static IDocumentStoreBackend CreateBackend(IServiceProvider provider) =>
        CreateBackend(provider.GetRequiredService<IOptions<DocumentStoreOptions>>().Value, provider);

    private static IDocumentStoreBackend CreateBackend(DocumentStoreOptions options, IServiceProvider provider)
    {
        return options.Provider switch
        {
            DocumentStoreProvider.Embedded => new SqliteDocumentDatabase(options.EmbeddedPath!, provider.GetService<TimeProvider>() ?? TimeProvider.System),
            DocumentStoreProvider.Cosmos => new CosmosDocumentContainer(
                CreateCosmosClient(options.Cosmos, provider),
                options.Cosmos.DatabaseName,
                options.Cosmos.ContainerName!,
                options.Cosmos.CreateIfNotExists),
            _ => throw new InvalidOperationException($"Unknown document store provider '{options.Provider}'."),
        };
    }

    private static CosmosClient CreateCosmosClient(CosmosDocumentStoreOptions options, IServiceProvider provider)
    {
        var clientOptions = provider.GetRequiredService<IOptions<CosmosClientOptions>>().Value;
        if (options.ConnectionString is { Length: > 0 } connectionString)
        {
            // Account keys stay out of Azure: a connection string may only point at a local stand-in.
            var endpoint = new DbConnectionStringBuilder { ConnectionString = connectionString }.TryGetValue("AccountEndpoint", out var value)
                ? new Uri((string)value)
                : null;
            if (endpoint is not { IsLoopback: true })
            {
                throw new InvalidOperationException("DocumentStore:Cosmos:ConnectionString is only for a loopback stand-in; use AccountEndpoint with a managed identity.");
            }

            return new CosmosClient(connectionString, clientOptions);
        }

        var accountEndpoint = options.AccountEndpoint
            ?? throw new InvalidOperationException("DocumentStore:Cosmos:AccountEndpoint is required for the Cosmos provider.");
        var credential = provider.GetService<TokenCredential>() ?? new DefaultAzureCredential();
        return new CosmosClient(accountEndpoint.AbsoluteUri, credential, clientOptions);
    }
}
