using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Signing;

/// <summary>A P-256 key held in this process (local development).</summary>
public sealed class EcdsaSigningKey : ISigningKey
{
    private readonly ECDsa _ecdsa;

    public EcdsaSigningKey(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        PublicKey = PublicJwk.FromCoordinates(parameters.Q.X!, parameters.Q.Y!);
    }

    public string KeyId => PublicKey.Kid;

    public JsonWebKey PublicKey { get; }

    public ValueTask<byte[]> SignDigestAsync(byte[] digest, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_ecdsa.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
}
