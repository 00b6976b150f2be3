using System.Globalization;
using LoanPlatform.BuildingBlocks.Indonesia;

namespace LoanPlatform.Notifications.Model;

/// <summary>
/// A daily window ("21:00" to "07:00", in one of Indonesia's time zones) when push notifications wait. The window may
/// cross midnight; its start is inside it and its end is not.
/// </summary>
public sealed record QuietHours(string Start, string End, string TimeZone)
{
    /// <summary>When the quiet period that contains <paramref name="now"/> ends, or null when <paramref name="now"/> is outside it.</summary>
    public DateTimeOffset? EndOfPeriodContaining(DateTimeOffset now)
    {
        if (!TryParse(Start, out var start) || !TryParse(End, out var end) || start == end || !IndonesianTimeZones.IsKnown(TimeZone))
        {
            // The Users service refuses such values; anything else stored is treated as no quiet hours rather than lost mail.
            return null;
        }

        var offset = IndonesianTimeZones.OffsetOf(TimeZone);
        var local = now.ToOffset(offset);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        var crossesMidnight = end < start;
        var inside = crossesMidnight ? time >= start || time < end : time >= start && time < end;
        if (!inside)
        {
            return null;
        }

        var endDay = crossesMidnight && time >= start ? local.Date.AddDays(1) : local.Date;
        return new DateTimeOffset(endDay + end.ToTimeSpan(), offset);
    }

    private static bool TryParse(string value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
