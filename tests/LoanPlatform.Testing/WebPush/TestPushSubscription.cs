using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace LoanPlatform.Testing.WebPush;

/// <summary>
/// What a browser holds for one push subscription: its own P-256 key pair and auth secret. It decrypts what the push
/// service hands it exactly as a browser does (RFC 8291, aes128gcm per RFC 8188), so a test sees the payload only if the
/// sender encrypted it correctly to these keys.
/// </summary>
public sealed class TestPushSubscription : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _authSecret = RandomNumberGenerator.GetBytes(16);

    public TestPushSubscription(string id, string endpoint)
    {
        Id = id;
        Endpoint = endpoint;
    }

    public string Id { get; }

    public string Endpoint { get; }

    /// <summary>The subscription's public key as PushSubscription.toJSON() gives it.</summary>
    public string P256dh => Base64Url.EncodeToString(PublicPoint(_key));

    public string Auth => Base64Url.EncodeToString(_authSecret);

    /// <summary>Decrypts an aes128gcm body: header (salt, record size, sender's public key), then one record.</summary>
    public string Decrypt(byte[] body)
    {
        var salt = body.AsSpan(0, 16).ToArray();
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var keyIdLength = body[20];
        var senderPublic = body.AsSpan(21, keyIdLength).ToArray();
        var record = body.AsSpan(21 + keyIdLength).ToArray();
        if (record.Length > recordSize)
        {
            throw new CryptographicException("The payload spans more than one record; a push message should fit in one.");
        }

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..65] },
        });
        var sharedSecret = _key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicPoint(_key), .. senderPublic];
        var inputKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, _authSecret, keyInfo);
        var contentKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, inputKey, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, inputKey, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());

        var plaintext = new byte[record.Length - 16];
        using (var aes = new AesGcm(contentKey, 16))
        {
            aes.Decrypt(nonce, record[..^16], record[^16..], plaintext);
        }

        // The last record ends with the delimiter 0x02 and optional zero padding.
        var end = Array.LastIndexOf(plaintext, (byte)0x02);
        if (end < 0 || plaintext.AsSpan(end + 1).ContainsAnyExcept((byte)0))
        {
            throw new CryptographicException("The record has no final-record delimiter.");
        }

        return Encoding.UTF8.GetString(plaintext, 0, end);
    }

    public void Dispose() => _key.Dispose();

    private static byte[] PublicPoint(ECDiffieHellman key)
    {
        var parameters = key.ExportParameters(false);
        return [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
    }
}
