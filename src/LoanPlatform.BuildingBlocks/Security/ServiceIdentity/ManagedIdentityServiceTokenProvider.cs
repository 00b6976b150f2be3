using Azure.Core;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

/// <summary>In Azure: the app's user-assigned managed identity asks Entra for a token to the internal API.</summary>
public sealed class ManagedIdentityServiceTokenProvider(TokenCredential credential, IOptions<ServiceIdentityOptions> options) : IServiceTokenProvider
{
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        // Azure.Identity caches the token and refreshes it before expiry.
        var token = await credential.GetTokenAsync(new TokenRequestContext([options.Value.Audience.TrimEnd('/') + "/.default"]), cancellationToken);
        return token.Token;
    }
}
