using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Infrastructure;

/// <summary>Opaque refresh tokens "{familyId}.{secret}"; the store keeps only SHA-256 of the secret.</summary>
public static class RefreshTokenFormat
{
    public static string NewFamilyId() => Guid.NewGuid().ToString("N");

    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Compose(string familyId, string secret) => $"{familyId}.{secret}";

    public static bool TryParse(string? token, out string familyId, out string secret)
    {
        familyId = secret = "";
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot != 32 || token.Length > 128)
        {
            return false;
        }

        familyId = token[..dot];
        secret = token[(dot + 1)..];
        return secret.Length > 0 && familyId.All(char.IsAsciiHexDigitLower);
    }

    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
