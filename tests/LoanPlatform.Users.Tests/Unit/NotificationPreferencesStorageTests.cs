using System.Text.Json;
using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Tests.Unit;

public sealed class NotificationPreferencesStorageTests
{
    [Fact]
    public void A_profile_stored_before_preferences_existed_reads_the_defaults()
    {
        const string stored = """
            {"userId":"u1","fullName":"Siti Rahayu","email":"siti@example.com","phone":"+6281234567890","nik":"3171074506900001",
             "dateOfBirth":"1990-06-05","language":"id","consent":{"version":"2025-01","acceptedAt":"2025-01-01T00:00:00+00:00"},
             "ktpStatus":"NotVerified","createdAt":"2025-01-01T00:00:00+00:00","updatedAt":"2025-01-01T00:00:00+00:00","pendingEvents":[]}
            """;

        var profile = JsonSerializer.Deserialize<UserProfile>(stored, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        })!;

        Assert.Equal(NotificationPreferences.Default, profile.NotificationPreferences);
    }
}
