namespace LoanPlatform.Users.Services;

/// <summary>Clients may send a SHA-256 as hex (sha256sum) or base64 (Content-MD5 style); both are kept as lower-case hex.</summary>
public static class Sha256Digest
{
    public static string? TryNormalize(string? value)
    {
        var trimmed = value?.Trim();
        if (trimmed is { Length: 64 } && trimmed.All(char.IsAsciiHexDigit))
        {
            return trimmed.ToLowerInvariant();
        }

        var bytes = new byte[32];
        return trimmed is { Length: 44 } && Convert.TryFromBase64String(trimmed, bytes, out var written) && written == 32
            ? Convert.ToHexStringLower(bytes)
            : null;
    }
}
