namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

/// <summary>
/// How one service proves itself to another (configuration section "ServiceIdentity"). In Azure: a managed-identity
/// token for the internal API's app registration, carrying its "Service" app role. Locally: a short-lived token
/// signed with a key the local host generates, which only the local host's services know.
/// </summary>
public sealed class ServiceIdentityOptions
{
    public const string SectionName = "ServiceIdentity";

    public ServiceIdentityMode Mode { get; set; } = ServiceIdentityMode.Local;

    /// <summary>The internal API's audience (Entra application ID URI), e.g. api://loanplatform-internal.</summary>
    public string Audience { get; set; } = "api://loanplatform-internal";

    /// <summary>Entra tenant whose tokens are accepted, in ManagedIdentity mode.</summary>
    public string? TenantId { get; set; }

    /// <summary>The user-assigned identity's client id, in ManagedIdentity mode.</summary>
    public string? ClientId { get; set; }

    /// <summary>The local signing key's PEM file, in Local mode.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The calling service's name, written as the token subject locally.</summary>
    public string ServiceName { get; set; } = "unknown";
}

public enum ServiceIdentityMode
{
    Local,
    ManagedIdentity,
}
