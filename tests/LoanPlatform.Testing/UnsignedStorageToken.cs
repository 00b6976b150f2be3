using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace LoanPlatform.Testing;

/// <summary>
/// A well-formed but unsigned Entra-style access token for Storage. Azurite's <c>--oauth basic</c> decodes it without
/// checking the signature and requires only iat/nbf/exp in range, an Entra issuer prefix and a Storage audience;
/// its user-delegation keys are derived from oid and tid.
/// </summary>
public static class UnsignedStorageToken
{
    private const string TenantId = "00000000-0000-0000-0000-000000000001";

    public static string Create(DateTimeOffset now)
    {
        var header = new { alg = "none", typ = "JWT" };
        var claims = new Dictionary<string, object>
        {
            ["aud"] = "https://storage.azure.com",
            ["iss"] = $"https://sts.windows.net/{TenantId}/",
            ["tid"] = TenantId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["oid"] = "00000000-0000-0000-0000-000000000002",
        };
        return $"{Encode(header)}.{Encode(claims)}.";
    }

    private static string Encode(object value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
}
