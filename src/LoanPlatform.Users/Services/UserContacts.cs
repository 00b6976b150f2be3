using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Validation;

namespace LoanPlatform.Users.Services;

/// <summary>The Notifications service's view of a user: read when a notification is sent, so a changed email, language, preference or device applies.</summary>
public sealed class UserContacts(IDocumentStore<UserProfile> profiles, UserDevices devices)
{
    public async Task<UserContactResponse?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var profile = (await profiles.FindAsync(userId, userId, cancellationToken))?.Value;
        return profile is null
            ? null
            : new UserContactResponse(
                userId,
                profile.Email,
                profile.Language,
                ProfileRules.FirstName(profile.FullName),
                NotificationPreferencesResponse.From(profile.NotificationPreferences),
                // A user who never registered a device has none: no query for them.
                profile.MayHaveDevices == false ? [] : await devices.ListForSendingAsync(userId, cancellationToken));
    }
}
