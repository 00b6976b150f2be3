using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Auth.Infrastructure;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a per-password salt; the stored string names its algorithm and cost so the cost can rise
/// without breaking old hashes.
/// </summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options)
{
    private const string Algorithm = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public string Hash(string password)
    {
        var iterations = options.Value.PasswordHashIterations;
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Algorithm}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>A hash this hasher made: its algorithm, a positive cost, and base64 salt and hash of the right sizes.</summary>
    public static bool IsWellFormed(string? stored)
    {
        var parts = stored?.Split('$');
        return parts is [Algorithm, var cost, var salt, var hash]
            && int.TryParse(cost, out var iterations) && iterations > 0
            && Base64Length(salt) == SaltBytes && Base64Length(hash) == HashBytes;
    }

    private static int Base64Length(string text)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(text, buffer, out var written) ? written : -1;
    }

    public bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm || !int.TryParse(parts[1], out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the same time as a real check, so an unknown email cannot be told apart by timing.</summary>
    public void VerifyAgainstDummy(string password) => Verify(password, _dummy.Value);

    private readonly Lazy<string> _dummy = new(() => new PasswordHasher(options).Hash(Guid.NewGuid().ToString()));
}
