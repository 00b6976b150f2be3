using LoanPlatform.Console.Preferences;

namespace LoanPlatform.Console.Tests;

/// <summary>Times in the officer's Indonesian zone, money in rupiah, texts in both languages.</summary>
public sealed class OfficerPreferencesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 5, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("WIB", "2 Des 2026 19.05 WIB")]
    [InlineData("WITA", "2 Des 2026 20.05 WITA")]
    [InlineData("WIT", "2 Des 2026 21.05 WIT")]
    public void Times_read_in_the_officers_zone_in_Indonesian(string zone, string expected) =>
        Assert.Equal(expected, OfficerPreferences.FromCookies("id", zone).Time(Noon));

    [Fact]
    public void English_keeps_the_zone_and_uses_a_colon()
    {
        Assert.Equal("3 Dec 2026 02:05 WIT", OfficerPreferences.FromCookies("en", "WIT").Time(Noon.AddHours(5)));
        Assert.Equal("Work queue", OfficerPreferences.FromCookies("en", null).T("queue.title"));
        Assert.Equal("Antrean kerja", OfficerPreferences.FromCookies(null, null).T("queue.title"));
    }

    [Fact]
    public void Money_is_whole_rupiah_with_Indonesian_grouping() => Assert.Equal("Rp 60.000.000", OfficerPreferences.Money(60_000_000));

    [Fact]
    public void An_unknown_zone_falls_back_to_WIB_and_an_unknown_text_shows_its_key()
    {
        Assert.Same(OfficerTimeZone.Wib, OfficerTimeZone.FromAbbreviation("CET"));
        Assert.Equal("status.someNewStatus", OfficerPreferences.FromCookies("en", null).T("status.someNewStatus"));
    }

    [Fact]
    public void A_countdown_says_how_long_is_left_or_how_long_ago_it_passed()
    {
        var english = OfficerPreferences.FromCookies("en", null);
        Assert.Equal("2h 05m", english.Remaining(TimeSpan.FromMinutes(125)));
        Assert.Equal("3m 07s overdue", english.Remaining(TimeSpan.FromSeconds(-187)));
        Assert.Equal("lewat 1h 02j", OfficerPreferences.FromCookies("id", null).Remaining(TimeSpan.FromHours(-26)));
    }
}
