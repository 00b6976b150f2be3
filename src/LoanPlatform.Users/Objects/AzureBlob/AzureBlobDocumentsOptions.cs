namespace LoanPlatform.Users.Objects.AzureBlob;

/// <summary>The "Documents:AzureBlob" section; the names match infra/app/app-settings.bicep.</summary>
public sealed class AzureBlobDocumentsOptions
{
    /// <summary>The account's blob endpoint; reached with the app's managed identity (AZURE_CLIENT_ID) and user-delegation SAS.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>Account-key access, accepted only for Azurite on a loopback address.</summary>
    public string? ConnectionString { get; set; }

    public string Container { get; set; } = "documents";
}
