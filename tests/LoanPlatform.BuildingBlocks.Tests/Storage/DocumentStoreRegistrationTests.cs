using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Tests.Storage;

public sealed class DocumentStoreRegistrationTests
{
    [Fact]
    public void Defaults_to_an_embedded_file_per_service_under_the_data_path()
    {
        using var services = Build(new() { ["Data:Path"] = "/var/loanplatform" });

        var options = services.GetRequiredService<IOptions<DocumentStoreOptions>>().Value;

        Assert.Equal(DocumentStoreProvider.Embedded, options.Provider);
        Assert.Equal(Path.Combine("/var/loanplatform", "loans", "loans.db"), options.EmbeddedPath);
        Assert.Equal("loans", options.Cosmos.ContainerName);
        Assert.Equal("loanplatform", options.Cosmos.DatabaseName);
    }

    [Fact]
    public void A_keyed_store_shares_the_account_but_has_its_own_file_and_container()
    {
        using var services = Build(new()
        {
            ["Data:Path"] = "/var/loanplatform",
            ["DocumentStore:Provider"] = "Cosmos",
            ["DocumentStore:Cosmos:AccountEndpoint"] = "https://contoso.documents.azure.com:443/",
            ["DocumentStore:Cosmos:ContainerName"] = "loans",
        }, services => services.AddKeyedDocumentStore("audit"));

        var options = services.GetRequiredService<IOptionsMonitor<DocumentStoreOptions>>();
        var audit = options.Get("audit");

        Assert.Equal("loans", options.CurrentValue.Cosmos.ContainerName);
        Assert.Equal("audit", audit.Cosmos.ContainerName);
        Assert.Equal(new Uri("https://contoso.documents.azure.com:443/"), audit.Cosmos.AccountEndpoint);
        Assert.Equal(DocumentStoreProvider.Cosmos, audit.Provider);
        Assert.Equal(Path.Combine("/var/loanplatform", "audit", "audit.db"), audit.EmbeddedPath);
    }

    [Fact]
    public void Cosmos_connection_string_to_a_remote_account_is_refused()
    {
        using var services = Build(new()
        {
            ["DocumentStore:Provider"] = "Cosmos",
            ["DocumentStore:Cosmos:ConnectionString"] = "AccountEndpoint=https://contoso.documents.azure.com:443/;AccountKey=a2V5;",
        });

        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IDocumentStore<LoanApplication>>());
    }

    [Fact]
    public void Cosmos_without_an_account_endpoint_is_refused()
    {
        using var services = Build(new() { ["DocumentStore:Provider"] = "Cosmos" });

        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IDocumentStore<LoanApplication>>());
    }

    [Fact]
    public void Document_type_that_is_not_a_plain_identifier_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddDocumentType<LoanApplication>("loan/application"));
    }

    private static ServiceProvider Build(Dictionary<string, string?> configuration, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddDocumentStore(DocumentStoreHost.ServiceName);
        builder.Services.AddDocumentType<LoanApplication>("loanApplication");
        configureServices?.Invoke(builder.Services);
        return builder.Services.BuildServiceProvider();
    }
}
