using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Model;

/// <summary>The subset of OpenID Connect discovery that token validators (JwtBearer, APIM validate-jwt) read.</summary>
public sealed record OpenIdConfigurationDocument(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms,
    [property: JsonPropertyName("subject_types_supported")] IReadOnlyList<string> SubjectTypes);

public sealed record JwksDocument([property: JsonPropertyName("keys")] IReadOnlyList<JwksKey> Keys);

/// <summary>A public EC key in JWK form (RFC 7517); only public members exist on this type.</summary>
public sealed record JwksKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("use")] string Use)
{
    public static JwksKey From(JsonWebKey key) => new(key.Kty, key.Crv, key.X, key.Y, key.Kid, key.Alg, key.Use);
}
