using LoanPlatform.BuildingBlocks.Indonesia;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Validation;

namespace LoanPlatform.Users.Services;

/// <summary>Reading and changing a user's own profile under optimistic concurrency.</summary>
public sealed class UserProfiles(IDocumentStore<UserProfile> profiles, UniqueClaims claims, TimeProvider time)
{
    public async Task<StoredDocument<UserProfile>> GetAsync(string userId, CancellationToken cancellationToken) =>
        await profiles.FindAsync(userId, userId, cancellationToken) ?? throw ProblemException.NotFound("The user");

    /// <summary>
    /// Applies a partial update if <paramref name="ifMatch"/> is still current. A new phone is reserved before the write
    /// and the old one released after it, so the number is never free for someone else in between.
    /// </summary>
    public async Task<StoredDocument<UserProfile>> UpdateAsync(string userId, string? ifMatch, UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw UserProblems.PreconditionRequired();
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
        var updated = profile with
        {
            FullName = fullName ?? profile.FullName,
            Phone = phone ?? profile.Phone,
            Language = language ?? profile.Language,
            // The KTP was checked against the old name; a new name needs a new check.
            KtpStatus = nameChanged && profile.KtpStatus == KtpStatus.Verified ? KtpStatus.NeedsReverification : profile.KtpStatus,
            UpdatedAt = time.GetUtcNow(),
        };

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
                throw UserProblems.StaleETag();
            }

            throw;
        }

        if (phoneChanged)
        {
            await claims.ReleaseAsync(UniqueField.Phone, profile.Phone, userId);
        }

        return written;
    }

    /// <summary>Replaces the notification preferences if <paramref name="ifMatch"/> is still the profile's current ETag.</summary>
    public async Task<StoredDocument<UserProfile>> UpdateNotificationPreferencesAsync(
        string userId, string? ifMatch, NotificationPreferencesRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw UserProblems.PreconditionRequired();
        }

        var preferences = NotificationPreferenceRules.Validate(request);
        var current = await GetMatchingAsync(userId, ifMatch, cancellationToken);
        try
        {
            return await profiles.ReplaceAsync(
                userId, userId, current.Value with { NotificationPreferences = preferences, UpdatedAt = time.GetUtcNow() }, current.ETag, cancellationToken: cancellationToken);
        }
        catch (DocumentPreconditionFailedException)
        {
            throw UserProblems.StaleETag();
        }
    }

    /// <summary>Records a verified KTP on the profile, retrying when a concurrent profile edit got there first.</summary>
    public async Task MarkKtpVerifiedAsync(string userId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await GetAsync(userId, cancellationToken);
            if (current.Value.KtpStatus == KtpStatus.Verified)
            {
                return;
            }

            try
            {
                await profiles.ReplaceAsync(userId, userId, current.Value with { KtpStatus = KtpStatus.Verified, UpdatedAt = time.GetUtcNow() }, current.ETag, cancellationToken: cancellationToken);
                return;
            }
            catch (DocumentPreconditionFailedException)
            {
                // Someone edited the profile meanwhile; read it again and reapply.
            }
        }
    }

    private async Task<StoredDocument<UserProfile>> GetMatchingAsync(string userId, string ifMatch, CancellationToken cancellationToken)
    {
        var current = await GetAsync(userId, cancellationToken);
        return EntityTags.Matches(ifMatch, current.ETag) ? current : throw UserProblems.StaleETag();
    }

    public static UserProfileResponse ToResponse(UserProfile profile) => new(
        profile.UserId, profile.FullName, profile.Email, profile.Phone, Nik.Mask(profile.Nik), profile.DateOfBirth,
        profile.Language, profile.KtpStatus, profile.CreatedAt, profile.UpdatedAt);
}
