using System.Text.Json.Serialization;
using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

/// <summary>A user's notification preferences; <see cref="QuietHours"/> is written as null (not left out) when there are none.</summary>
public sealed record NotificationPreferencesResponse(
    bool Email,
    bool Push,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] QuietHours? QuietHours)
{
    public static NotificationPreferencesResponse From(NotificationPreferences preferences) =>
        new(preferences.Email, preferences.Push, preferences.QuietHours);
}
