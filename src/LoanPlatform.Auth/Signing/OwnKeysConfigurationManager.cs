using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace LoanPlatform.Auth.Signing;

/// <summary>
/// The Auth service validates its own access tokens (POST /auth/password) against its key set directly, instead of
/// fetching its own discovery document over HTTP: same keys, no self-call, and no address it would need to know.
/// </summary>
public sealed class OwnKeysConfigurationManager(ISigningKeySet keys, string issuer) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        foreach (var key in await keys.GetPublicKeysAsync(cancel))
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }

    // Every call reads the key set, which keeps its own cache; there is nothing to refresh here.
    public void RequestRefresh()
    {
    }
}
