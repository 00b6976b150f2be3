namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

/// <summary>
/// How one service proves itself to another (configuration section "ServiceIdentity"). In Azure: a managed-identity
/// token for the internal API's app registration, whose object id (<c>oid</c>) names the calling service. Locally: a
/// short-lived token signed with the calling service's own key, so the key that verifies it names the caller.
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

    /// <summary>
    /// In ManagedIdentity mode: the principal (object) id of each known caller's identity, by caller name
    /// (<see cref="ServiceCallers"/>); an endpoint admits a token only when its <c>oid</c> is one of its callers'.
    /// </summary>
    public Dictionary<string, string> Callers { get; set; } = [];

    /// <summary>Locally: the folder of the services' keys, one PEM file per service ({name}.pem).</summary>
    public string? KeyFolder { get; set; }

    /// <summary>This service's name: the caller name it is known by (<see cref="ServiceCallers"/>).</summary>
    public string ServiceName { get; set; } = "unknown";

    public string KeyPathOf(string service) =>
        Path.Combine(KeyFolder ?? throw new InvalidOperationException("ServiceIdentity:KeyFolder is required in Local mode."), service + ".pem");
}

public enum ServiceIdentityMode
{
    Local,
    ManagedIdentity,
}
