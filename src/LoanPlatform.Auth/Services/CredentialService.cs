using System.Security.Cryptography;
using System.Text;
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
    AggregateStore<Credential> aggregates,
    PasswordHasher hasher,
    PasswordPolicy policy,
    IOptions<AuthOptions> options,
    TimeProvider time)
{
    private const string SeedingJob = "local-staff-seeding";
    private const string LockoutJob = "lockout";

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
        if (request.PasswordHash is null)
        {
            policy.Check(request.Password, request.Email, validation, "password");
        }
        else
        {
            validation.Require(PasswordHasher.IsWellFormed(request.PasswordHash), "passwordHash", "The password hash is not one this service made.");
        }

        validation.ThrowIfInvalid();

        var email = EmailAddress.Normalize(request.Email!);
        var now = time.GetUtcNow();
        var credential = new Credential
        {
            UserId = request.UserId!,
            Email = email,
            PasswordHash = request.PasswordHash ?? hasher.Hash(request.Password!),
            Roles = request.Roles!,
            CreatedAt = now,
            PendingEvents = [Created(request.UserId!, now, actor)],
        };
        try
        {
            await aggregates.CreateAsync(email, email, credential, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // A retry of the same registration (its first answer was lost) finds its own credential: same user, same
            // password. That is success, so the caller's compensation logic never sees a false "email taken"; the first
            // attempt's event records the creation.
            var existing = await credentials.FindAsync(email, email, cancellationToken);
            if (existing is not null && existing.Value.UserId == credential.UserId
                && (request.PasswordHash is null ? hasher.Verify(request.Password!, existing.Value.PasswordHash) : request.PasswordHash == existing.Value.PasswordHash))
            {
                return existing.Value;
            }

            throw UserProblems.EmailTaken.Exception();
        }

        return credential;
    }

    /// <summary>
    /// Checks a would-be password against the policy and hashes it, for a registration that waits for its email to be
    /// verified: the Users service keeps the hash, never the password, and creates the credential with it later.
    /// </summary>
    public PasswordHashResponse HashForRegistration(PasswordHashRequest request)
    {
        var validation = new RequestValidation()
            .Require(EmailAddress.IsValid(request.Email), "email", "A valid email address is required.");
        policy.Check(request.Password, request.Email, validation, "password");
        validation.ThrowIfInvalid();
        return new PasswordHashResponse(hasher.Hash(request.Password!));
    }

    /// <summary>
    /// Whether <paramref name="password"/> is the current password of <paramref name="userId"/>: a re-authentication
    /// before an irreversible step (erasure). A wrong one counts toward the lockout like a failed login, and a locked
    /// account proves nothing.
    /// </summary>
    public async Task<bool> CheckPasswordAsync(string userId, PasswordCheckRequest request, CancellationToken cancellationToken)
    {
        var stored = string.IsNullOrWhiteSpace(request.Email) ? null : await FindAsync(request.Email, cancellationToken);
        if (stored is null || stored.Value.UserId != userId || string.IsNullOrEmpty(request.Password))
        {
            hasher.VerifyAgainstDummy(request.Password ?? "");
            return false;
        }

        var now = time.GetUtcNow();
        var passwordOk = hasher.Verify(request.Password, stored.Value.PasswordHash);
        if (stored.Value.LockedUntil > now)
        {
            return false;
        }

        if (!passwordOk)
        {
            await RecordFailedAttemptAsync(stored, now, new ChangeActor(userId, PlatformRoles.Customer), cancellationToken);
        }

        return passwordOk;
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
            RecentFailures = [],
            LockedUntil = null,
            UnlockCodeHash = null,
            UnlockCodeExpiresAt = null,
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

        // Not through AggregateStore: the old password was checked on this read, so a lost race is refused, not re-applied.
        await outbox.DispatchAsync(stored.PartitionKey, stored.Id, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Counts a failed attempt in the sliding window, and locks the account once the window holds the limit: for
    /// <see cref="AuthOptions.LockoutBase"/>, doubled for each further failure in the window, never longer than
    /// <see cref="AuthOptions.LockoutMax"/>. Failures age out of the window, so a lock does not follow the owner around,
    /// and each lock emails the owner an unlock code (<see cref="UnlockAsync"/>). Unlike other bookkeeping writes this one
    /// retries a lost race: parallel guesses must each be counted, or they would slip past the lockout. A lock is audited
    /// under <paramref name="actor"/>.
    /// </summary>
    public async Task RecordFailedAttemptAsync(StoredDocument<Credential> stored, DateTimeOffset now, ChangeActor actor, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            // From the caller's read (the sign-in just read it); a lost race reads again.
            await aggregates.UpdateAsync(stored, credential =>
            {
                // Bounded: a flood of guesses cannot grow the document.
                DateTimeOffset[] failures = [.. credential.RecentFailures.Where(at => now - at < settings.FailureWindow).Append(now).TakeLast(settings.MaxFailedAttempts * 4)];
                var overLimit = failures.Length - settings.MaxFailedAttempts;
                var counted = credential with { RecentFailures = failures };
                if (overLimit < 0)
                {
                    return counted;
                }

                var lockFor = settings.LockoutBase * Math.Pow(2, Math.Min(overLimit, 10));
                var lockedUntil = now + (lockFor < settings.LockoutMax ? lockFor : settings.LockoutMax);
                var userId = credential.UserId;
                var unlockCode = RefreshTokenFormat.NewSecret();
                var expiresAt = now + settings.UnlockCodeLifetime;
                return counted with
                {
                    LockedUntil = lockedUntil,
                    UnlockCodeHash = RefreshTokenFormat.HashSecret(unlockCode),
                    UnlockCodeExpiresAt = expiresAt,
                    PendingEvents =
                    [
                        .. counted.PendingEvents,
                        OutboxEvent.Create(AuthEventTypes.AccountLocked, AccountLocked.Version, userId, new AccountLocked(userId, failures.Length, lockedUntil), now, actor),
                        OutboxEvent.Create(
                            AuthEventTypes.AccountUnlockOffered, AccountUnlockOffered.Version, userId,
                            new AccountUnlockOffered(userId, unlockCode, lockedUntil, expiresAt), now, ChangeActor.System(LockoutJob)) with { NotificationOnly = true },
                    ],
                };
            }, cancellationToken);
        }
        catch (WriteConflictException)
        {
            // Guesses flood in faster than they can be counted one by one: the sign-in is refused all the same.
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
                RecentFailures = [],
                LockedUntil = null,
                UnlockCodeHash = null,
                UnlockCodeExpiresAt = null,
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

        // Not through AggregateStore: the erasure may be finishing an earlier one, which wrote nothing now but left events.
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

    /// <summary>
    /// Ends a lock with the code emailed to the owner when it began: the failures are forgotten and the code is spent.
    /// Any mismatch (no such account, no lock, a wrong, spent or expired code) is the same 400, so the answer says nothing
    /// about who has an account.
    /// </summary>
    public async Task UnlockAsync(UnlockRequest request, CancellationToken cancellationToken)
    {
        new RequestValidation()
            .Require(EmailAddress.IsValid(request.Email), "email", "A valid email address is required.")
            .Require(!string.IsNullOrWhiteSpace(request.Code), "code", "The unlock code is required.")
            .ThrowIfInvalid();

        var stored = await FindAsync(request.Email!, cancellationToken);
        var now = time.GetUtcNow();
        if (stored?.Value is not { UnlockCodeHash: { } hash } credential
            || credential.UnlockCodeExpiresAt <= now
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(RefreshTokenFormat.HashSecret(request.Code!.Trim()))))
        {
            throw AuthProblems.InvalidUnlockCode.Exception();
        }

        var unlocked = credential with
        {
            RecentFailures = [],
            LockedUntil = null,
            UnlockCodeHash = null,
            UnlockCodeExpiresAt = null,
            PendingEvents =
            [
                .. credential.PendingEvents,
                OutboxEvent.Create(AuthEventTypes.AccountUnlocked, AccountUnlocked.Version, credential.UserId, new AccountUnlocked(credential.UserId, now), now,
                    new ChangeActor(credential.UserId, credential.Roles.Count > 0 ? credential.Roles[0] : PlatformRoles.Customer)),
            ],
        };
        try
        {
            await credentials.ReplaceAsync(stored.PartitionKey, stored.Id, unlocked, stored.ETag, cancellationToken: cancellationToken);
        }
        catch (DocumentPreconditionFailedException)
        {
            throw ConcurrentChange();
        }

        // Not through AggregateStore: the code was checked on this read and is spent by this write; a lost race is refused.
        await outbox.DispatchAsync(stored.PartitionKey, stored.Id, cancellationToken: cancellationToken);
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
        await aggregates.WriteAsync(key, key, existing =>
            existing is null ? desired with { PendingEvents = [Created(userId, now, actor)] }
            : hasher.Verify(password, existing.PasswordHash) && existing.Roles.SequenceEqual(roles) ? existing
            : desired with
            {
                SessionGeneration = existing.SessionGeneration + 1,
                PendingEvents =
                [
                    .. existing.PendingEvents,
                    OutboxEvent.Create(AuthEventTypes.CredentialReset, CredentialReset.Version, userId, new CredentialReset(userId, now), now, actor),
                ],
            }, cancellationToken);
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
