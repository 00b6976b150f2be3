using LoanPlatform.Auth.AuditEvents;
using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Model;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Identity;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Auth.Services;

/// <summary>
/// Creates and maintains credentials; the only writer of credential documents. Every change carries its event in the
/// same conditional write (the outbox) and is dispatched right after it commits; the sweeper retries what is left.
/// </summary>
public sealed class CredentialService(
    IDocumentStore<Credential> credentials,
    IDocumentStore<RefreshSession> sessions,
    OutboxDispatcher<Credential> outbox,
    PasswordHasher hasher,
    PasswordPolicy policy,
    IOptions<AuthOptions> options,
    TimeProvider time)
{
    private const string SeedingJob = "local-staff-seeding";

    private static ProblemException WrongCurrentPassword() =>
        AuthProblems.InvalidCurrentPassword.Exception();

    private static ProblemException ConcurrentChange() =>
        AuthProblems.ConcurrentChange.Exception();

    /// <summary>The credential of an email, or null when there is none or it is being erased.</summary>
    public async Task<StoredDocument<Credential>?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var key = EmailAddress.Normalize(email);
        var stored = await credentials.FindAsync(key, key, cancellationToken);
        return stored?.Value.ErasedAt is null ? stored : null;
    }

    public async Task<Credential> CreateAsync(CreateCredentialRequest request, ChangeActor actor, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation()
            .Require(!string.IsNullOrWhiteSpace(request.UserId), "userId", "A user id is required.")
            .Require(EmailAddress.IsValid(request.Email), "email", "A valid email address is required.")
            .Require(request.Roles is { Count: > 0 } roles && roles.All(r => r == PlatformRoles.Customer), "roles", "Only customer credentials are created here.");
        policy.Check(request.Password, request.Email, validation, "password");
        validation.ThrowIfInvalid();

        var email = EmailAddress.Normalize(request.Email!);
        var now = time.GetUtcNow();
        var credential = new Credential
        {
            UserId = request.UserId!,
            Email = email,
            PasswordHash = hasher.Hash(request.Password!),
            Roles = request.Roles!,
            CreatedAt = now,
            PendingEvents = [Created(request.UserId!, now, actor)],
        };
        try
        {
            await credentials.CreateAsync(email, email, credential, cancellationToken: cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // A retry of the same registration (its first answer was lost) finds its own credential: same user, same
            // password. That is success, so the caller's compensation logic never sees a false "email taken"; the first
            // attempt's event records the creation.
            var existing = await credentials.FindAsync(email, email, cancellationToken);
            if (existing is not null && existing.Value.UserId == credential.UserId && hasher.Verify(request.Password!, existing.Value.PasswordHash))
            {
                return existing.Value;
            }

            throw UserProblems.EmailTaken.Exception();
        }

        await outbox.DispatchAsync(email, email, cancellationToken: cancellationToken);
        return credential;
    }

    /// <summary>
    /// Changes the signed-in user's password and ends every session: the session generation moves on, so refresh tokens
    /// issued before the change stop working. A wrong current password counts toward the lockout like a failed login.
    /// </summary>
    public async Task ChangePasswordAsync(string userId, string email, ChangePasswordRequest request, ChangeActor actor, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation()
            .Require(!string.IsNullOrEmpty(request.CurrentPassword), "currentPassword", "The current password is required.");
        policy.Check(request.NewPassword, email, validation, "newPassword");
        validation.Require(request.NewPassword != request.CurrentPassword, "newPassword", "The new password must differ from the current one.");
        validation.ThrowIfInvalid();

        var stored = await FindAsync(email, cancellationToken);
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
            await RecordFailedAttemptAsync(stored, now, actor, cancellationToken);
            throw WrongCurrentPassword();
        }

        var ended = await CountLiveSessionsAsync(stored.Value, now, cancellationToken);
        var changed = stored.Value with
        {
            PasswordHash = hasher.Hash(request.NewPassword!),
            SessionGeneration = stored.Value.SessionGeneration + 1,
            FailedAttempts = 0,
            LockedUntil = null,
            PendingEvents =
            [
                .. stored.Value.PendingEvents,
                OutboxEvent.Create(AuthEventTypes.PasswordChanged, PasswordChanged.Version, userId, new PasswordChanged(userId, ended, now), now, actor),
            ],
        };
        try
        {
            await credentials.ReplaceAsync(stored.PartitionKey, stored.Id, changed, stored.ETag, cancellationToken: cancellationToken);
        }
        catch (DocumentPreconditionFailedException)
        {
            throw ConcurrentChange();
        }

        await outbox.DispatchAsync(stored.PartitionKey, stored.Id, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Counts a failed attempt, and locks the account once they reach the limit. Unlike other bookkeeping writes this one
    /// retries a lost race: parallel guesses must each be counted, or they would slip past the lockout. A lock is audited
    /// under <paramref name="actor"/>; an unlock is no change of its own (the lock lapses with time).
    /// </summary>
    public async Task RecordFailedAttemptAsync(StoredDocument<Credential> stored, DateTimeOffset now, ChangeActor actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var failures = stored.Value.FailedAttempts + 1;
            var overLimit = failures - options.Value.MaxFailedAttempts;
            var counted = stored.Value with { FailedAttempts = failures };
            if (overLimit >= 0)
            {
                var lockedUntil = now + options.Value.LockoutBase * Math.Pow(2, Math.Min(overLimit, 10));
                var userId = stored.Value.UserId;
                counted = counted with
                {
                    LockedUntil = lockedUntil,
                    PendingEvents =
                    [
                        .. counted.PendingEvents,
                        OutboxEvent.Create(AuthEventTypes.AccountLocked, AccountLocked.Version, userId, new AccountLocked(userId, failures, lockedUntil), now, actor),
                    ],
                };
            }

            try
            {
                await credentials.ReplaceAsync(stored.PartitionKey, stored.Id, counted, stored.ETag, cancellationToken: cancellationToken);
            }
            catch (DocumentPreconditionFailedException)
            {
                stored = await credentials.FindAsync(stored.PartitionKey, stored.Id, cancellationToken) ?? stored;
                continue;
            }

            if (overLimit >= 0)
            {
                await outbox.DispatchAsync(stored.PartitionKey, stored.Id, cancellationToken: cancellationToken);
            }

            return;
        }
    }

    /// <summary>
    /// Erases a credential (erasure or a compensated registration); only the owning user id may be removed. The credential
    /// is first emptied in one write with its CredentialDeleted event, and deleted only once that event has left the
    /// outbox. If it cannot leave yet, the answer is a 503: the account already cannot sign in, the sweeper delivers the
    /// event, and a repeated request (the caller retries an erasure until it succeeds) deletes the document.
    /// </summary>
    public async Task<bool> DeleteAsync(string email, string userId, ChangeActor actor, CancellationToken cancellationToken)
    {
        var key = EmailAddress.Normalize(email);
        var existing = await credentials.FindAsync(key, key, cancellationToken);
        if (existing is null || existing.Value.UserId != userId)
        {
            return false;
        }

        if (existing.Value.ErasedAt is null)
        {
            var now = time.GetUtcNow();
            var erased = existing.Value with
            {
                PasswordHash = "",
                Roles = [],
                FailedAttempts = 0,
                LockedUntil = null,
                SessionGeneration = existing.Value.SessionGeneration + 1,
                ErasedAt = now,
                PendingEvents =
                [
                    .. existing.Value.PendingEvents,
                    OutboxEvent.Create(AuthEventTypes.CredentialDeleted, CredentialDeleted.Version, userId, new CredentialDeleted(userId, now), now, actor),
                ],
            };
            try
            {
                await credentials.ReplaceAsync(key, key, erased, existing.ETag, cancellationToken: cancellationToken);
            }
            catch (DocumentPreconditionFailedException)
            {
                throw ConcurrentChange();
            }
        }

        await outbox.DispatchAsync(key, key, cancellationToken: cancellationToken);
        var drained = await credentials.FindAsync(key, key, cancellationToken);
        if (drained is null)
        {
            return true;
        }

        if (drained.Value.HasPendingEvents)
        {
            throw AuthProblems.ErasurePending.Exception();
        }

        try
        {
            await credentials.DeleteAsync(key, key, drained.ETag, cancellationToken);
        }
        catch (DocumentPreconditionFailedException)
        {
            throw ConcurrentChange();
        }

        return true;
    }

    /// <summary>Creates or resets a staff account; used by the local host's seeding only, never in the cloud.</summary>
    public async Task EnsureStaffAsync(string userId, string email, string password, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var key = EmailAddress.Normalize(email);
        var now = time.GetUtcNow();
        var actor = ChangeActor.System(SeedingJob);
        var desired = new Credential
        {
            UserId = userId,
            Email = key,
            PasswordHash = hasher.Hash(password),
            Roles = roles,
            CreatedAt = now,
        };
        var existing = await credentials.FindAsync(key, key, cancellationToken);
        if (existing is null)
        {
            await credentials.CreateAsync(key, key, desired with { PendingEvents = [Created(userId, now, actor)] }, cancellationToken: cancellationToken);
        }
        else
        {
            if (hasher.Verify(password, existing.Value.PasswordHash) && existing.Value.Roles.SequenceEqual(roles))
            {
                return;
            }

            var reset = desired with
            {
                SessionGeneration = existing.Value.SessionGeneration + 1,
                PendingEvents =
                [
                    .. existing.Value.PendingEvents,
                    OutboxEvent.Create(AuthEventTypes.CredentialReset, CredentialReset.Version, userId, new CredentialReset(userId, now), now, actor),
                ],
            };
            await credentials.ReplaceAsync(key, key, reset, existing.ETag, cancellationToken: cancellationToken);
        }

        await outbox.DispatchAsync(key, key, cancellationToken: cancellationToken);
    }

    private static OutboxEvent Created(string userId, DateTimeOffset now, ChangeActor actor) =>
        OutboxEvent.Create(AuthEventTypes.CredentialCreated, CredentialCreated.Version, userId, new CredentialCreated(userId, now), now, actor);

    /// <summary>The sessions a password change ends: live ones of the generation it leaves behind.</summary>
    private async Task<int> CountLiveSessionsAsync(Credential credential, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = DocumentQuery.Where("userId", credential.UserId).And("sessionGeneration", credential.SessionGeneration).And("revoked", false);
        var count = 0;
        await foreach (var session in sessions.QueryAsync(query, cancellationToken))
        {
            if (session.Value.ExpiresAt > now)
            {
                count++;
            }
        }

        return count;
    }
}
