using System.Globalization;

namespace LoanPlatform.Console.Preferences;

/// <summary>
/// The officer's language and time zone, kept in two cookies so they survive a sign-out; every screen formats times,
/// money and texts through this.
/// </summary>
public sealed record OfficerPreferences(ConsoleLanguage Language, OfficerTimeZone Zone)
{
    public const string LanguageCookie = "console-lang";
    public const string ZoneCookie = "console-zone";

    public static OfficerPreferences FromCookies(string? language, string? zone) => new(
        language == "en" ? ConsoleLanguage.English : ConsoleLanguage.Indonesian,
        OfficerTimeZone.FromAbbreviation(zone));

    public string LanguageCode => Language == ConsoleLanguage.English ? "en" : "id";

    public string T(string key) => ConsoleTexts.Get(key, Language);

    /// <summary>"2 Des 2026 14.05 WIB" or "2 Dec 2026 14:05 WIB".</summary>
    public string Time(DateTimeOffset? time)
    {
        if (time is not { } value)
        {
            return "–";
        }

        var local = Zone.ToLocal(value);
        var month = ConsoleTexts.MonthAbbreviation(local.Month, Language);
        var clock = Language == ConsoleLanguage.Indonesian ? local.ToString("HH.mm", CultureInfo.InvariantCulture) : local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return $"{local.Day} {month} {local.Year} {clock} {Zone.Abbreviation}";
    }

    public string Date(DateOnly date) => $"{date.Day} {ConsoleTexts.MonthAbbreviation(date.Month, Language)} {date.Year}";

    /// <summary>Whole rupiah with Indonesian digit grouping in both languages: "Rp 10.000.000".</summary>
    public static string Money(long rupiah) => "Rp " + rupiah.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');

    /// <summary>A countdown such as "2j 05m" / "2h 05m", or how long ago it passed.</summary>
    public string Remaining(TimeSpan left)
    {
        var span = left.Duration();
        var text = span.TotalDays >= 1
            ? $"{(int)span.TotalDays}{T("unit.day")} {span.Hours:00}{T("unit.hour")}"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}{T("unit.hour")} {span.Minutes:00}m" : $"{span.Minutes}m {span.Seconds:00}s";
        return left < TimeSpan.Zero ? string.Format(CultureInfo.InvariantCulture, T("countdown.overdue"), text) : text;
    }
}
