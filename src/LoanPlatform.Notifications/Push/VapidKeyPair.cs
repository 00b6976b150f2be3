using System.Buffers.Text;
using System.Security.Cryptography;

namespace LoanPlatform.Notifications.Push;

/// <summary>A VAPID key pair in the form browsers and push libraries take: base64url public point (0x04‖X‖Y) and private scalar.</summary>
public sealed record VapidKeyPair(string PublicKey, string PrivateKey)
{
    public static VapidKeyPair From(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: true);
        if (parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException("VAPID keys are P-256 keys.", nameof(key));
        }

        byte[] point = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
        return new VapidKeyPair(Base64Url.EncodeToString(point), Base64Url.EncodeToString(parameters.D));
    }
}
