using System.Globalization;
using LoanPlatform.BuildingBlocks.Indonesia;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Validation;

/// <summary>Checks a preferences request, reporting every bad field in one 400 problem.</summary>
public static class NotificationPreferenceRules
{
    public const string TimeFormat = "HH:mm";

    public static NotificationPreferences Validate(NotificationPreferencesRequest request)
    {
        var validation = new RequestValidation();
        validation.Require(request.Email is not null, "email", "Email must be true or false.");
        validation.Require(request.Push is not null, "push", "Push must be true or false.");
        validation.Require(request is not { Email: false, Push: false }, "push",
            "Email and push cannot both be off: decisions about your loan must reach you by at least one channel.");

        var quietHours = request.QuietHours is { } window ? QuietHours(validation, window) : null;
        validation.ThrowIfInvalid();
        return new NotificationPreferences(request.Email!.Value, request.Push!.Value, quietHours);
    }

    private static QuietHours? QuietHours(RequestValidation validation, QuietHoursRequest window)
    {
        var start = Time(validation, "quietHours.start", window.Start);
        var end = Time(validation, "quietHours.end", window.End);
        if (start is not null && start == end)
        {
            validation.Add("quietHours.end", "Quiet hours must end at a different time than they start.");
        }

        var timeZone = window.TimeZone?.Trim();
        validation.Require(timeZone is not null && IndonesianTimeZones.IsKnown(timeZone), "quietHours.timeZone",
            $"Time zone must be one of {string.Join(", ", IndonesianTimeZones.Ids)}.");
        return validation.IsValid ? new QuietHours(start!, end!, timeZone!) : null;
    }

    // Strict 24-hour "HH:mm": exactly five characters, so "7:00", "07:00:00" and "24:00" are all refused.
    private static string? Time(RequestValidation validation, string field, string? value)
    {
        if (value is { Length: 5 } && TimeOnly.TryParseExact(value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return value;
        }

        validation.Add(field, "Time must be 24-hour HH:mm, e.g. 21:00.");
        return null;
    }
}
