namespace LoanPlatform.Users.Objects;

/// <summary>Which object store holds uploaded documents (configuration key Documents:Provider).</summary>
public enum DocumentsProvider
{
    /// <summary>Files under the data folder behind HMAC-signed URLs the Users app serves; the default, for one machine.</summary>
    Local,

    /// <summary>Azure Blob Storage with SAS URLs (user delegation through managed identity in Azure).</summary>
    AzureBlob,

    /// <summary>Amazon S3 (or an S3-compatible store) with presigned URLs, for deployments on AWS.</summary>
    S3,
}
