namespace LoanPlatform.Console.Preferences;

/// <summary>
/// Indonesia's three time zones. None observes daylight saving, so a fixed offset is exact and the console needs no tz
/// database on its host. (The services keep the same three in their building blocks, which the console must not
/// reference: it knows the platform only through the public API.)
/// </summary>
public sealed record OfficerTimeZone(string Abbreviation, string IanaId, int OffsetHours)
{
    public static readonly OfficerTimeZone Wib = new("WIB", "Asia/Jakarta", 7);
    public static readonly OfficerTimeZone Wita = new("WITA", "Asia/Makassar", 8);
    public static readonly OfficerTimeZone Wit = new("WIT", "Asia/Jayapura", 9);

    public static readonly IReadOnlyList<OfficerTimeZone> All = [Wib, Wita, Wit];

    public static OfficerTimeZone FromAbbreviation(string? abbreviation) =>
        All.FirstOrDefault(z => string.Equals(z.Abbreviation, abbreviation, StringComparison.OrdinalIgnoreCase)) ?? Wib;

    public DateTimeOffset ToLocal(DateTimeOffset time) => time.ToOffset(TimeSpan.FromHours(OffsetHours));

    /// <summary>A local wall-clock time read from a form, as the instant it names in this zone.</summary>
    public DateTimeOffset FromLocal(DateTime wallClock) => new(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), TimeSpan.FromHours(OffsetHours));
}
