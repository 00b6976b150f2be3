using System.Text.RegularExpressions;

namespace LoanPlatform.Users.Objects;

/// <summary>
/// Object keys: uploads go to "users/{userId}/{documentId}", and what passed the checks is sealed under
/// "sealed/{userId}/{documentId}", a name no upload URL is ever signed for (nor the blob trigger watches).
/// Only plain segments are allowed so a key can never escape its folder.
/// </summary>
public static partial class ObjectKeys
{
    public static string ForDocument(string userId, string documentId) => $"users/{userId}/{documentId}";

    public static string ForSealedDocument(string userId, string documentId) => $"sealed/{userId}/{documentId}";

    /// <summary>Whether a key is an upload's (users/{userId}/{documentId}); sealed copies and anything else are not.</summary>
    public static bool TryParseDocument(string objectKey, out string userId, out string documentId)
    {
        var segments = objectKey.Split('/');
        var isUpload = IsValid(objectKey) && segments is ["users", _, _];
        userId = isUpload ? segments[1] : string.Empty;
        documentId = isUpload ? segments[2] : string.Empty;
        return isUpload;
    }

    public static bool IsValid(string? objectKey) => objectKey is { Length: > 0 and <= 256 } && Pattern().IsMatch(objectKey);

    [GeneratedRegex("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
