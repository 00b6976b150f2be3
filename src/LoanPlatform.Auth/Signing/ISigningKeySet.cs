using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Signing;

/// <summary>The token-signing keys: the one that signs now, and every public key whose tokens may still be valid.</summary>
public interface ISigningKeySet
{
    ValueTask<ISigningKey> GetActiveKeyAsync(CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<JsonWebKey>> GetPublicKeysAsync(CancellationToken cancellationToken);
}
