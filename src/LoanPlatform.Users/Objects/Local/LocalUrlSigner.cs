using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LoanPlatform.BuildingBlocks.Security;

namespace LoanPlatform.Users.Objects.Local;

/// <summary>
/// HMAC-SHA256 signatures for local object URLs. The key is 32 random bytes in a file under the data folder,
/// created on first run, so URLs survive a restart and no secret is ever configured by hand.
/// </summary>
public sealed class LocalUrlSigner
{
    private static readonly Lock Gate = new();
    private readonly byte[] _key;

    public LocalUrlSigner(string keyPath) => _key = LoadOrCreateKey(keyPath);

    /// <summary>Signs everything the request may not change: method, object, expiry, content type and size limit.</summary>
    public string Sign(string method, string objectKey, long expiresUnix, string contentType, long maxSizeBytes)
    {
        var canonical = string.Join('\n', method, objectKey, expiresUnix.ToString(CultureInfo.InvariantCulture), contentType, maxSizeBytes.ToString(CultureInfo.InvariantCulture));
        return Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonical)));
    }

    public bool Verify(string signature, string method, string objectKey, long expiresUnix, string contentType, long maxSizeBytes)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(method, objectKey, expiresUnix, contentType, maxSizeBytes));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    private static byte[] LoadOrCreateKey(string path)
    {
        lock (Gate)
        {
            if (File.Exists(path))
            {
                return Convert.FromBase64String(File.ReadAllText(path).Trim());
            }

            var key = RandomNumberGenerator.GetBytes(32);
            PrivateFiles.WriteNew(path, Convert.ToBase64String(key));
            return key;
        }
    }
}
