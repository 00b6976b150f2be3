using LoanPlatform.Testing;
using LoanPlatform.Users.Objects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Users.Tests.Contract;

/// <summary>Builds an object store from configuration exactly as the Users app does, and the settings for each stand-in.</summary>
public static class ObjectStores
{
    /// <summary>The Azure Blob adapter on Azurite with its account key (allowed only for a loopback address).</summary>
    public static Dictionary<string, string?> AzureBlobSettings(string connectionString) => new()
    {
        ["Documents:Provider"] = nameof(DocumentsProvider.AzureBlob),
        ["Documents:AzureBlob:ConnectionString"] = connectionString,
    };

    /// <summary>The S3 adapter on s3rver behind the SigV4-verifying proxy.</summary>
    public static Dictionary<string, string?> S3Settings(S3StandInFixture s3) => new()
    {
        ["Documents:Provider"] = nameof(DocumentsProvider.S3),
        ["Documents:S3:ServiceUrl"] = s3.ServiceUrl.AbsoluteUri,
        ["Documents:S3:ForcePathStyle"] = "true",
        ["Documents:S3:Bucket"] = S3StandInFixture.Bucket,
        ["Documents:S3:AccessKeyId"] = S3StandInFixture.AccessKeyId,
        ["Documents:S3:SecretAccessKey"] = S3StandInFixture.SecretAccessKey,
    };

    /// <summary><paramref name="register"/> adds what a host would register itself (a credential, client options).</summary>
    public static IDocumentObjectStore Create(IDictionary<string, string?> settings, Action<IServiceCollection>? register = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton(TimeProvider.System);
        register?.Invoke(services);
        services.AddDocumentObjectStore(configuration, Path.Combine(Path.GetTempPath(), "loanplatform-objects", Guid.NewGuid().ToString("N")));
        return services.BuildServiceProvider().GetRequiredService<IDocumentObjectStore>();
    }
}
