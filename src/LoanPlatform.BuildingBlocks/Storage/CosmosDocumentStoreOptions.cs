namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>The <c>DocumentStore:Cosmos</c> configuration section.</summary>
public sealed class CosmosDocumentStoreOptions
{
    /// <summary>The account to reach with the managed identity (<c>DefaultAzureCredential</c>) in Azure.</summary>
    public Uri? AccountEndpoint { get; set; }

    /// <summary>Key-based access, accepted only for a stand-in on a loopback address.</summary>
    public string? ConnectionString { get; set; }

    public string DatabaseName { get; set; } = "loanplatform";

    /// <summary>Defaults to the service name.</summary>
    public string? ContainerName { get; set; }

    /// <summary>Create database and container at startup: local runs and tests only (Bicep provisions them in Azure).</summary>
    public bool CreateIfNotExists { get; set; }
}
