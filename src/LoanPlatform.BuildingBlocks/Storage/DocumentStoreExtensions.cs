using System.Data.Common;
using Azure.Core;
using Azure.Identity;
using LoanPlatform.BuildingBlocks.Storage.Cosmos;
using LoanPlatform.BuildingBlocks.Storage.Embedded;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    private static IDocumentStoreBackend CreateBackend(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<DocumentStoreOptions>>().Value;
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
