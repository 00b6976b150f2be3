namespace LoanPlatform.BuildingBlocks.Indonesia;

/// <summary>
/// Indonesia's three time zones by their IANA ids. None observes daylight saving, so a fixed offset is exact and no
/// tz database is needed on the host (some Linux images for Functions ship without one).
/// </summary>
public static class IndonesianTimeZones
{
    /// <summary>WIB: Java, Sumatra, West and Central Kalimantan.</summary>
    public const string Western = "Asia/Jakarta";

    /// <summary>WITA: Bali, Nusa Tenggara, Sulawesi, East and South Kalimantan.</summary>
    public const string Central = "Asia/Makassar";

    /// <summary>WIT: Maluku and Papua.</summary>
    public const string Eastern = "Asia/Jayapura";

    private static readonly Dictionary<string, TimeSpan> Offsets = new(StringComparer.Ordinal)
    {
        [Western] = TimeSpan.FromHours(7),
        [Central] = TimeSpan.FromHours(8),
        [Eastern] = TimeSpan.FromHours(9),
    };

    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        [Western] = "WIB",
        [Central] = "WITA",
        [Eastern] = "WIT",
    };

    public static IReadOnlyCollection<string> Ids => Offsets.Keys;

    /// <summary>WIB, WITA or WIT: how Indonesians name the zone after a time.</summary>
    public static string AbbreviationOf(string id) =>
        Abbreviations.TryGetValue(id, out var abbreviation) ? abbreviation : throw new ArgumentOutOfRangeException(nameof(id), id, "Not an Indonesian time zone.");

    public static bool IsKnown(string id) => Offsets.ContainsKey(id);

    /// <summary>The UTC offset of <paramref name="id"/>; throws for an id outside Indonesia.</summary>
    public static TimeSpan OffsetOf(string id) =>
        Offsets.TryGetValue(id, out var offset) ? offset : throw new ArgumentOutOfRangeException(nameof(id), id, "Not an Indonesian time zone.");
}
