using System.Security.Cryptography;

namespace LoanPlatform.Users.Objects;

/// <summary>
/// Compares a stored object with its declaration: size, content type, SHA-256 of the bytes actually stored, and the
/// file signature of the type. Signed URLs cannot enforce all of this in every store, so nothing counts before it passes.
/// </summary>
public static class StoredObjectCheck
{
    /// <summary>Why the object does not match, or null when it does.</summary>
    public static async Task<string?> FindMismatchAsync(StoredObject stored, DeclaredObject declared, CancellationToken cancellationToken)
    {
        if (stored.SizeBytes != declared.SizeBytes)
        {
            return $"The stored size is {stored.SizeBytes} bytes, not the declared {declared.SizeBytes}.";
        }

        if (!string.Equals(stored.ContentType, declared.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return "The stored content type differs from the declared one.";
        }

        // The size matched a declaration already limited to a few MB, so reading it whole is bounded.
        var content = new byte[declared.SizeBytes];
        await stored.Content.ReadExactlyAsync(content, cancellationToken);
        if (!ContentSignatures.Matches(declared.ContentType, content))
        {
            return $"The stored bytes are not a {declared.ContentType} file.";
        }

        // Hash what is actually stored: the client's claim proves nothing until it matches the bytes.
        return Convert.ToHexStringLower(SHA256.HashData(content)) == declared.Sha256Hex
            ? null
            : "The SHA-256 of the stored bytes differs from the declared one.";
    }
}
