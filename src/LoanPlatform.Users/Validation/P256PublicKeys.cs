using System.Buffers.Text;
using System.Security.Cryptography;

namespace LoanPlatform.Users.Validation;

/// <summary>P-256 public keys in the form Web Push exchanges them: base64url of the uncompressed point 0x04 || X || Y.</summary>
public static class P256PublicKeys
{
    public const int UncompressedLength = 65;

    /// <summary>True when <paramref name="value"/> decodes to an uncompressed point that lies on the curve.</summary>
    public static bool IsValidBase64Url(string? value)
    {
        if (value is null || !Base64Url.IsValid(value, out var length) || length != UncompressedLength)
        {
            return false;
        }

        var point = Base64Url.DecodeFromChars(value);
        if (point[0] != 0x04)
        {
            return false;
        }

        // Importing checks the point is on the curve; a key off it could never be encrypted to (and invites invalid-curve tricks).
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
