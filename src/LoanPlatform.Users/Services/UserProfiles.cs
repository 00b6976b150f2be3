using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Indonesia;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Events;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Validation;
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.Users.Services;

/// <summary>
/// Reading and changing a user's own profile under optimistic concurrency. Each change stores its audit event in the same
/// write and publishes it right after.
/// </summary>
public sealed class UserProfiles(IDocumentStore<UserProfile> profiles, AggregateStore<UserProfile> aggregates, UniqueClaims claims, OutboxDispatcher<UserProfile> outbox, TimeProvider time)
{
    public async Task<StoredDocument<UserProfile>> GetAsync(string userId, CancellationToken cancellationToken) =>
        await profiles.FindAsync(userId, userId, cancellationToken) ?? throw ProblemException.NotFound("The user");

    /// <summary>
    /// Applies a partial update if <paramref name="ifMatch"/> is still current. A new phone is reserved before the write
    /// and the old one released after it, so the number is never free for someone else in between.
    /// </summary>
    public async Task<StoredDocument<UserProfile>> UpdateAsync(
        string userId, string? ifMatch, UpdateProfileRequest request, ChangeActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw CommonProblems.PreconditionRequired.Exception();
        }

        var validation = new RequestValidation();
        var fullName = request.FullName is null ? null : ProfileRules.FullName(validation, request.FullName);
        var phone = request.Phone is null ? null : ProfileRules.Phone(validation, request.Phone);
        var language = request.Language is null ? null : ProfileRules.Language(validation, request.Language);
        validation.ThrowIfInvalid();

        var current = await GetMatchingAsync(userId, ifMatch, cancellationToken);
        var profile = current.Value;
        var nameChanged = fullName is not null && fullName != profile.FullName;
        var phoneChanged = phone is not null && phone != profile.Phone;
        var now = time.GetUtcNow();
        var updated = profile with
        {
            FullName = fullName ?? profile.FullName,
            Phone = phone ?? profile.Phone,
            Language = language ?? profile.Language,
            // The KTP was checked against the old name; a new name needs a new check, and people compare it again.
            KtpStatus = nameChanged && profile.KtpStatus == KtpStatus.Verified ? KtpStatus.NeedsReverification : profile.KtpStatus,
            Kyc = nameChanged && profile.Kyc.Status == KycStatus.Verified ? profile.Kyc.Reopen(now) : profile.Kyc,
            UpdatedAt = now,
        };
        var fields = ChangedFields(
            ("fullName", nameChanged), ("phone", phoneChanged), ("language", updated.Language != profile.Language), ("ktpStatus", updated.KtpStatus != profile.KtpStatus),
            ("kyc", updated.Kyc != profile.Kyc));
        if (fields.Length > 0)
        {
            updated = updated.WithEvent(OutboxEvent.Create(UserEventTypes.ProfileUpdated, ProfileUpdated.Version, userId, new ProfileUpdated(userId, fields, now), now, actor));
        }

        if (phoneChanged)
        {
            await claims.ReserveAsync(UniqueField.Phone, updated.Phone, userId, cancellationToken);
        }

        StoredDocument<UserProfile> written;
        try
        {
            written = await profiles.ReplaceAsync(userId, userId, updated, current.ETag, cancellationToken: cancellationToken);
        }
        catch (Exception e)
        {
            if (phoneChanged)
            {
                await claims.ReleaseAsync(UniqueField.Phone, updated.Phone, userId);
            }

            if (e is DocumentPreconditionFailedException)
            {
                throw CommonProblems.StaleETag.Exception();
            }

            throw;
        }

        if (phoneChanged)
        {
            await claims.ReleaseAsync(UniqueField.Phone, profile.Phone, userId);
        }

        return await PublishAsync(written, cancellationToken);
    }

    /// <summary>Replaces the notification preferences if <paramref name="ifMatch"/> is still the profile's current ETag.</summary>
    public async Task<StoredDocument<UserProfile>> UpdateNotificationPreferencesAsync(
        string userId, string? ifMatch, NotificationPreferencesRequest request, ChangeActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw CommonProblems.PreconditionRequired.Exception();
        }

        var preferences = NotificationPreferenceRules.Validate(request);
        var current = await GetMatchingAsync(userId, ifMatch, cancellationToken);
        var before = current.Value.NotificationPreferences;
        var now = time.GetUtcNow();
        var updated = current.Value with { NotificationPreferences = preferences, UpdatedAt = now };
        var fields = ChangedFields(("email", preferences.Email != before.Email), ("push", preferences.Push != before.Push), ("quietHours", preferences.QuietHours != before.QuietHours));
        if (fields.Length > 0)
        {
            updated = updated.WithEvent(OutboxEvent.Create(
                UserEventTypes.NotificationPreferencesChanged, NotificationPreferencesChanged.Version, userId, new NotificationPreferencesChanged(userId, fields, now), now, actor));
        }

        StoredDocument<UserProfile> written;
        try
        {
            written = await profiles.ReplaceAsync(userId, userId, updated, current.ETag, cancellationToken: cancellationToken);
        }
        catch (DocumentPreconditionFailedException)
        {
            throw CommonProblems.StaleETag.Exception();
        }

        return await PublishAsync(written, cancellationToken);
    }

    /// <summary>
    /// Records the KTP <paramref name="documentId"/> verified on the profile; <paramref name="actor"/> is who completed the
    /// document (the user, or the blob trigger).
    /// </summary>
    public Task MarkKtpVerifiedAsync(string userId, string documentId, ChangeActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(userId, profile =>
        {
            if (profile.KtpStatus == KtpStatus.Verified)
            {
                return null;
            }

            var now = time.GetUtcNow();
            return (profile with { KtpStatus = KtpStatus.Verified, UpdatedAt = now })
                .WithEvent(OutboxEvent.Create(UserEventTypes.KtpVerified, KtpVerified.Version, userId, new KtpVerified(userId, documentId, now), now, actor));
        }, cancellationToken);

    /// <summary>
    /// A change the service makes on its own behalf (no client ETag), through the profiles' write path: a concurrent edit
    /// is re-applied to a fresh read. <paramref name="change"/> returns null when there is nothing to do and may throw to
    /// refuse, on any attempt. Returns the profile as it is afterwards, with the ETag a client sends next.
    /// </summary>
    public async Task<StoredDocument<UserProfile>> ChangeAsync(string userId, Func<UserProfile, UserProfile?> change, CancellationToken cancellationToken)
    {
        var written = await aggregates.UpdateAsync(userId, userId, profile => change(profile) ?? profile, cancellationToken);
        // Publishing removed the events with a write of its own: read the ETag that write left.
        return written is { Value.HasPendingEvents: false } ? written : await GetAsync(userId, cancellationToken);
    }

    /// <summary>
    /// Publishes the profile's events right after a commit the client's If-Match guarded (not through the write path: such
    /// a race is refused, never retried). Removing them is a write of its own, so the profile is read again for the ETag
    /// the client sends next; a failed publish leaves them for the sweeper.
    /// </summary>
    private async Task<StoredDocument<UserProfile>> PublishAsync(StoredDocument<UserProfile> written, CancellationToken cancellationToken)
    {
        var userId = written.Value.UserId;
        return written.Value.HasPendingEvents && await outbox.DispatchAsync(written, cancellationToken: cancellationToken) > 0
            ? await GetAsync(userId, cancellationToken)
            : written;
    }

    private static string[] ChangedFields(params (string Name, bool Changed)[] fields) =>
        fields.Where(field => field.Changed).Select(field => field.Name).ToArray();

    private async Task<StoredDocument<UserProfile>> GetMatchingAsync(string userId, string ifMatch, CancellationToken cancellationToken)
    {
        var current = await GetAsync(userId, cancellationToken);
        return EntityTags.Matches(ifMatch, current.ETag) ? current : throw CommonProblems.StaleETag.Exception();
    }

    public static UserProfileResponse ToResponse(UserProfile profile) => new(
        profile.UserId, profile.FullName, profile.Email, profile.Phone, Nik.Mask(profile.Nik), profile.DateOfBirth,
        profile.Language, profile.KtpStatus, KycResponse.From(profile.Kyc, profile.Language), profile.CreatedAt, profile.UpdatedAt);
}
