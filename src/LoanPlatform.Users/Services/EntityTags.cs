namespace LoanPlatform.Users.Services;

/// <summary>Store ETags as HTTP entity tags: always quoted on the way out, compared without quotes or the weak prefix on the way in.</summary>
public static class EntityTags
{
    public static string ToHeader(string storeETag) => storeETag.StartsWith('"') ? storeETag : $"\"{storeETag}\"";

    public static bool Matches(string ifMatch, string storeETag) =>
        string.Equals(Opaque(ifMatch), Opaque(storeETag), StringComparison.Ordinal);

    private static string Opaque(string tag)
    {
        var value = tag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Trim('"');
    }
}
