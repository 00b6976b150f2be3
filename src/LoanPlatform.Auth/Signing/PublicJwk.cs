using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Signing;

/// <summary>Public P-256 JWKs; the kid is the RFC 7638 thumbprint, so it changes exactly when the key does.</summary>
public static class PublicJwk
{
    public static JsonWebKey FromCoordinates(byte[] x, byte[] y) => FromCoordinates(Base64UrlEncoder.Encode(x), Base64UrlEncoder.Encode(y));

    public static JsonWebKey FromCoordinates(string x, string y)
    {
        var key = new JsonWebKey { Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve, Crv = JsonWebKeyECTypes.P256, X = x, Y = y };
        key.Kid = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        key.Alg = SecurityAlgorithms.EcdsaSha256;
        key.Use = JsonWebKeyUseNames.Sig;
        return key;
    }
}
