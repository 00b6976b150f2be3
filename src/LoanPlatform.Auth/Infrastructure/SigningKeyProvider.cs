using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Infrastructure;

/// <summary>
/// The ES256 key that signs access tokens, and the public keys published in the JWKS. The kid is the RFC 7638
/// thumbprint of the public key, so it changes exactly when the key does.
/// </summary>
public sealed class SigningKeyProvider
{
    private readonly ECDsaSecurityKey _key;

    public SigningKeyProvider(IOptions<AuthOptions> options)
    {
        var path = options.Value.SigningKeyPath ?? throw new InvalidOperationException("Auth:SigningKeyPath is required.");
        var ecdsa = EcdsaKeyFile.LoadOrCreate(path);
        _key = new ECDsaSecurityKey(ecdsa);
        _key.KeyId = Base64UrlEncoder.Encode(_key.ComputeJwkThumbprint());
        Credentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256);
    }

    public SigningCredentials Credentials { get; }

    /// <summary>The public half as a JWK (private parameters are never copied into it).</summary>
    public IReadOnlyList<JsonWebKey> PublicKeys
    {
        get
        {
            var parameters = _key.ECDsa.ExportParameters(includePrivateParameters: false);
            return
            [
                new JsonWebKey
                {
                    Kty = "EC",
                    Crv = "P-256",
                    X = Base64UrlEncoder.Encode(parameters.Q.X),
                    Y = Base64UrlEncoder.Encode(parameters.Q.Y),
                    Kid = _key.KeyId,
                    Alg = SecurityAlgorithms.EcdsaSha256,
                    Use = "sig",
                },
            ];
        }
    }
}
