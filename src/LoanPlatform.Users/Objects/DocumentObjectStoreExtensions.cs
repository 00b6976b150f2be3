using Amazon.Runtime;
using Amazon.S3;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using LoanPlatform.Users.Objects.AzureBlob;
using LoanPlatform.Users.Objects.Local;
using LoanPlatform.Users.Objects.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Objects;

public static class DocumentObjectStoreExtensions
{
    /// <summary>
    /// Binds the "Documents" section and registers the <see cref="IDocumentObjectStore"/> that Documents:Provider names
    /// (Local unless configured). The local store is also registered as itself, because the Users app serves its URLs.
    /// </summary>
    public static IServiceCollection AddDocumentObjectStore(this IServiceCollection services, IConfiguration configuration, string localRoot)
    {
        var section = configuration.GetSection(DocumentsOptions.SectionName);
        services.AddOptions<DocumentsOptions>().Bind(section)
            .Validate(o => o.HasValidUrlLifetimes(), $"Documents:UploadUrlLifetime and Documents:DownloadUrlLifetime must be positive and at most {DocumentsOptions.MaxUrlLifetime}.")
            .ValidateOnStart();
        var provider = section.GetValue(nameof(DocumentsOptions.Provider), DocumentsProvider.Local);
        switch (provider)
        {
            case DocumentsProvider.Local:
                services.AddSingleton(sp => CreateLocal(sp, localRoot));
                services.AddSingleton<IDocumentObjectStore>(sp => sp.GetRequiredService<LocalDocumentObjectStore>());
                break;
            case DocumentsProvider.AzureBlob:
                services.AddSingleton<IDocumentObjectStore>(CreateAzureBlob);
                break;
            case DocumentsProvider.S3:
                services.AddSingleton<IDocumentObjectStore>(CreateS3);
                break;
            default:
                throw new InvalidOperationException($"Unknown Documents:Provider '{provider}'.");
        }

        return services;
    }

    private static LocalDocumentObjectStore CreateLocal(IServiceProvider provider, string defaultRoot)
    {
        var options = provider.GetRequiredService<IOptions<DocumentsOptions>>().Value;
        var root = options.LocalPath ?? defaultRoot;
        return new LocalDocumentObjectStore(
            new LocalUrlSigner(Path.Combine(root, "object-url-signing.key")),
            Path.Combine(root, "objects"),
            new Uri(options.PublicBaseUrl),
            provider.GetRequiredService<TimeProvider>());
    }

    private static AzureBlobDocumentObjectStore CreateAzureBlob(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<DocumentsOptions>>().Value.AzureBlob;
        var time = provider.GetRequiredService<TimeProvider>();
        if (options.ConnectionString is { Length: > 0 } connectionString)
        {
            // Account keys stay out of Azure, as for the Cosmos store: a connection string may only point at Azurite.
            var service = new BlobServiceClient(connectionString);
            if (!service.Uri.IsLoopback)
            {
                throw new InvalidOperationException("Documents:AzureBlob:ConnectionString is only for Azurite on a loopback address; use ServiceUri with a managed identity.");
            }

            return new AzureBlobDocumentObjectStore(service.GetBlobContainerClient(options.Container), null, time);
        }

        var serviceUri = options.ServiceUri
            ?? throw new InvalidOperationException("Documents:AzureBlob:ServiceUri is required for the AzureBlob provider.");
        // The managed identity registered with the service identity, else DefaultAzureCredential (which reads AZURE_CLIENT_ID).
        var credential = provider.GetService<TokenCredential>() ?? new DefaultAzureCredential();
        // Registered options let a host tune the pipeline (retries, transport); none are registered in production.
        var managed = new BlobServiceClient(serviceUri, credential, provider.GetService<BlobClientOptions>());
        return new AzureBlobDocumentObjectStore(managed.GetBlobContainerClient(options.Container), new UserDelegationKeyCache(managed, time), time);
    }

    private static S3DocumentObjectStore CreateS3(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<DocumentsOptions>>().Value.S3;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
        };
        if (options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl.AbsoluteUri;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        var client = options.AccessKeyId is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretAccessKey), config)
            : new AmazonS3Client(config);
        return new S3DocumentObjectStore(client, options.Bucket);
    }
}
