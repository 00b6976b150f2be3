using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Model;
using LoanPlatform.BuildingBlocks.Identity;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Auth.Services;

/// <summary>Creates and maintains credentials; the only writer of credential documents.</summary>
public sealed class CredentialService(
    IDocumentStore<Credential> credentials,
    PasswordHasher hasher,
    PasswordPolicy policy,
    IOptions<AuthOptions> options,
    TimeProvider time)
{
    private static ProblemException WrongCurrentPassword() =>
        new(403, "invalid-current-password", "The current password is wrong, or the account is temporarily locked.");

    public async Task<Credential> CreateAsync(CreateCredentialRequest request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation()
            .Require(!string.IsNullOrWhiteSpace(request.UserId), "userId", "A user id is required.")
            .Require(EmailAddress.IsValid(request.Email), "email", "A valid email address is required.")
            .Require(request.Roles is { Count: > 0 } roles && roles.All(r => r == PlatformRoles.Customer), "roles", "Only customer credentials are created here.");
        policy.Check(request.Password, request.Email, validation, "password");
        validation.ThrowIfInvalid();

        var email = EmailAddress.Normalize(request.Email!);
        var credential = new Credential
        {
            UserId = request.UserId!,
            Email = email,
            PasswordHash = hasher.Hash(request.Password!),
            Roles = request.Roles!,
            CreatedAt = time.GetUtcNow(),
        };
        try
        {
            await credentials.CreateAsync(email, email, credential, cancellationToken: cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // A retry of the same registration (its first answer was lost) finds its own credential: same user, same
            // password. That is success, so the caller's compensation logic never sees a false "email taken".
            var existing = await credentials.FindAsync(email, email, cancellationToken);
            if (existing is not null && existing.Value.UserId == credential.UserId && hasher.Verify(request.Password!, existing.Value.PasswordHash))
            {
                return existing.Value;
            }

            throw ProblemException.Conflict("email-taken", "An account with this email already exists.");
        }

        return credential;
    }

    /// <summary>
    /// Changes the signed-in user's password and ends every session: the session generation moves on, so refresh tokens
    /// issued before the change stop working. A wrong current password counts toward the lockout like a failed login.
    /// </summary>
    public async Task ChangePasswordAsync(string userId, string email, ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation()
            .Require(!string.IsNullOrEmpty(request.CurrentPassword), "currentPassword", "The current password is required.");
        policy.Check(request.NewPassword, email, validation, "newPassword");
        validation.Require(request.NewPassword != request.CurrentPassword, "newPassword", "The new password must differ from the current one.");
        validation.ThrowIfInvalid();

        var key = EmailAddress.Normalize(email);
        var stored = await credentials.FindAsync(key, key, cancellationToken);
        if (stored is null || stored.Value.UserId != userId)
        {
            hasher.VerifyAgainstDummy(request.CurrentPassword!);
            throw WrongCurrentPassword();
        }

        var now = time.GetUtcNow();
        var passwordOk = hasher.Verify(request.CurrentPassword!, stored.Value.PasswordHash);
        if (stored.Value.LockedUntil > now)
        {
            throw WrongCurrentPassword();
        }

        if (!passwordOk)
        {
            await RecordFailedAttemptAsync(stored, now, cancellationToken);
            throw WrongCurrentPassword();
        }

        var changed = stored.Value with
        {
            PasswordHash = hasher.Hash(request.NewPassword!),
            SessionGeneration = stored.Value.SessionGeneration + 1,
            FailedAttempts = 0,
            LockedUntil = null,
        };
        try
        {
            await credentials.ReplaceAsync(key, key, changed, stored.ETag, cancellationToken: cancellationToken);
        }
        catch (DocumentPreconditionFailedException)
        {
            throw ProblemException.Conflict("concurrent-change", "The account changed while the password was being changed; try again.");
        }
    }

    /// <summary>
    /// Counts a failed attempt. Unlike other bookkeeping writes this one retries a lost race: parallel guesses must each
    /// be counted, or they would slip past the lockout.
    /// </summary>
    public async Task RecordFailedAttemptAsync(StoredDocument<Credential> stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var failures = stored.Value.FailedAttempts + 1;
            var overLimit = failures - options.Value.MaxFailedAttempts;
            DateTimeOffset? lockedUntil = overLimit >= 0
                ? now + options.Value.LockoutBase * Math.Pow(2, Math.Min(overLimit, 10))
                : stored.Value.LockedUntil;
            try
            {
                await credentials.ReplaceAsync(stored.PartitionKey, stored.Id, stored.Value with { FailedAttempts = failures, LockedUntil = lockedUntil }, stored.ETag, cancellationToken: cancellationToken);
                return;
            }
            catch (DocumentPreconditionFailedException)
            {
                stored = await credentials.FindAsync(stored.PartitionKey, stored.Id, cancellationToken) ?? stored;
            }
        }
    }

    /// <summary>Removes a credential (erasure or a compensated registration); only the owning user id may be removed.</summary>
    public async Task<bool> DeleteAsync(string email, string userId, CancellationToken cancellationToken)
    {
        var key = EmailAddress.Normalize(email);
        var existing = await credentials.FindAsync(key, key, cancellationToken);
        if (existing is null || existing.Value.UserId != userId)
        {
            return false;
        }

        return await credentials.DeleteAsync(key, key, existing.ETag, cancellationToken);
    }

    /// <summary>Creates or resets a staff account; used by the local host's seeding only, never in the cloud.</summary>
    public async Task EnsureStaffAsync(string userId, string email, string password, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var key = EmailAddress.Normalize(email);
        var desired = new Credential
        {
            UserId = userId,
            Email = key,
            PasswordHash = hasher.Hash(password),
            Roles = roles,
            CreatedAt = time.GetUtcNow(),
        };
        var existing = await credentials.FindAsync(key, key, cancellationToken);
        if (existing is null)
        {
            await credentials.CreateAsync(key, key, desired, cancellationToken: cancellationToken);
        }
        else if (!hasher.Verify(password, existing.Value.PasswordHash) || !existing.Value.Roles.SequenceEqual(roles))
        {
            await credentials.ReplaceAsync(key, key, desired with { SessionGeneration = existing.Value.SessionGeneration + 1 }, existing.ETag, cancellationToken: cancellationToken);
        }
    }
}
