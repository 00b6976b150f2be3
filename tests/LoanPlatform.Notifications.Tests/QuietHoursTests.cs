using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Tests;

/// <summary>When a quiet period contains an instant and when it ends, in Indonesia's three time zones.</summary>
public sealed class QuietHoursTests
{
    [Theory]
    // 21:00–07:00 WIB crosses midnight: late evening waits for the next morning, early morning for the same morning.
    [InlineData("21:00", "07:00", "Asia/Jakarta", "2026-11-25T16:30:00Z", "2026-11-26T07:00:00+07:00")]
    [InlineData("21:00", "07:00", "Asia/Jakarta", "2026-11-25T14:00:00Z", "2026-11-26T07:00:00+07:00")]
    [InlineData("21:00", "07:00", "Asia/Jakarta", "2026-11-25T23:59:00Z", "2026-11-26T07:00:00+07:00")]
    // A window inside one day.
    [InlineData("13:00", "15:00", "Asia/Makassar", "2026-11-25T06:00:00Z", "2026-11-25T15:00:00+08:00")]
    // The same UTC instant is 22:00 in Papua (WIT, +9) but 20:00 in Java.
    [InlineData("21:00", "06:00", "Asia/Jayapura", "2026-11-25T13:00:00Z", "2026-11-26T06:00:00+09:00")]
    public void An_instant_inside_the_window_waits_until_its_end(string start, string end, string zone, string now, string expectedEnd)
    {
        var quiet = new QuietHours(start, end, zone);

        Assert.Equal(DateTimeOffset.Parse(expectedEnd, System.Globalization.CultureInfo.InvariantCulture),
            quiet.EndOfPeriodContaining(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("21:00", "07:00", "Asia/Jakarta", "2026-11-25T00:00:00Z")] // 07:00 WIB: the end is outside
    [InlineData("21:00", "07:00", "Asia/Jakarta", "2026-11-25T13:59:00Z")] // 20:59 WIB
    [InlineData("21:00", "06:00", "Asia/Jakarta", "2026-11-25T13:00:00Z")] // 20:00 WIB, though 22:00 in Papua
    [InlineData("13:00", "15:00", "Asia/Makassar", "2026-11-25T07:00:00Z")] // 15:00 WITA
    [InlineData("25:00", "07:00", "Asia/Jakarta", "2026-11-25T16:30:00Z")] // unreadable: no quiet hours rather than lost pushes
    [InlineData("21:00", "07:00", "Europe/Paris", "2026-11-25T16:30:00Z")] // not an Indonesian zone
    public void An_instant_outside_the_window_or_an_unreadable_window_holds_nothing(string start, string end, string zone, string now)
    {
        Assert.Null(new QuietHours(start, end, zone).EndOfPeriodContaining(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
