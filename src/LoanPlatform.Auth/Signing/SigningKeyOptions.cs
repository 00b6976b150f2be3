namespace LoanPlatform.Auth.Signing;

/// <summary>Configuration section "Auth:SigningKey" (app settings Auth__SigningKey__KeyVaultUri and __KeyName in Azure).</summary>
public sealed class SigningKeyOptions
{
    /// <summary>The vault holding the EC P-256 key; when set, tokens are signed through Key Vault.</summary>
    public Uri? KeyVaultUri { get; set; }

    public string? KeyName { get; set; }

    /// <summary>The local key folder, used when no vault is configured; generated on first run.</summary>
    public string? Folder { get; set; }

    public bool UsesKeyVault => KeyVaultUri is not null && !string.IsNullOrEmpty(KeyName);
}
