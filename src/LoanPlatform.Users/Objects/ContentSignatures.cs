namespace LoanPlatform.Users.Objects;

/// <summary>The leading bytes each accepted content type must start with, so a declared image/jpeg that is not one is refused.</summary>
public static class ContentSignatures
{
    private static readonly Dictionary<string, byte[]> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = [0xFF, 0xD8, 0xFF],
        ["image/png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        ["application/pdf"] = "%PDF-"u8.ToArray(),
    };

    public static IReadOnlyCollection<string> ContentTypes => Signatures.Keys;

    public static bool Matches(string contentType, ReadOnlySpan<byte> content) =>
        Signatures.TryGetValue(contentType, out var signature) && content.StartsWith(signature);
}
