namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

public static class ServiceIdentityDefaults
{
    /// <summary>The authentication scheme of internal, service-to-service endpoints.</summary>
    public const string Scheme = "ServiceIdentity";

    /// <summary>The scheme of the gateway's proof on public requests (<see cref="GatewayProofHeader"/>).</summary>
    public const string GatewayProofScheme = "GatewayProof";

    /// <summary>
    /// The header in which API Management (locally the gateway) sends its own service token with every request it
    /// forwards, beside the caller's Authorization header: proof that the request came through our gateway.
    /// </summary>
    public const string GatewayProofHeader = "X-Gateway-Authorization";

    public const string LocalIssuer = "loanplatform-local-services";
}
