using System.Security.Cryptography;
using System.Text;

namespace LoanPlatform.Users.Model;

/// <summary>
/// A device's id is the first 32 hex characters of a SHA-256: stable for one browser subscription or app install, and no
/// URL or token in ids. FCM hashes "fcm:" + token, so a token can never collide with an endpoint's id.
/// </summary>
public static class PushDeviceIds
{
    public static string OfEndpoint(string endpoint) => Hash(endpoint);

    public static string OfFcmToken(string token) => Hash("fcm:" + token);

    // Ids are hex hashes; anything else cannot exist and is not handed to the store (Cosmos refuses some characters in ids).
    public static bool IsValid(string deviceId) => deviceId is { Length: 32 } && deviceId.All(char.IsAsciiHexDigitLower);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}
