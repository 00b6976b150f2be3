using System.Buffers.Text;
using System.Security.Cryptography;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Browser-shaped push subscriptions (PushSubscription.toJSON()) with real P-256 keys.</summary>
public static class PushSubscriptions
{
    public static string NewEndpoint(string host = "fcm.googleapis.com") => $"https://{host}/fcm/send/{Guid.NewGuid():N}";

    public static object Body(string endpoint, string? label = "Pixel 8", string? p256dh = null, string? auth = null) => new
    {
        endpoint,
        expirationTime = (object?)null,
        keys = new { p256dh = p256dh ?? NewP256dh(), auth = auth ?? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) },
        label,
    };

    /// <summary>The uncompressed point 0x04 || X || Y of a fresh key, as a browser sends it.</summary>
    public static byte[] NewPoint()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    public static string NewP256dh() => Base64Url.EncodeToString(NewPoint());
}
