using LoanPlatform.Auth.AuditEvents;
using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Model;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Auth.Services;

/// <summary>Login, refresh-token rotation with reuse detection, and logout.</summary>
public sealed class TokenService(
    IDocumentStore<Credential> credentials,
    IDocumentStore<RefreshSession> sessions,
    CredentialService credentialService,
    OutboxDispatcher<RefreshSession> sessionOutbox,
    PasswordHasher hasher,
    AccessTokenIssuer issuer,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<TokenService> logger)
{
    // One answer for every kind of failure, so a caller cannot learn which emails have accounts.
    private static ProblemException InvalidCredentials() =>
        AuthProblems.InvalidCredentials.Exception();

    private static ProblemException InvalidRefreshToken() =>
        AuthProblems.InvalidRefreshToken.Exception();

    public async Task<TokenResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        new RequestValidation()
            .Require(!string.IsNullOrWhiteSpace(request.Email), "email", "The email is required.")
            .Require(!string.IsNullOrEmpty(request.Password), "password", "The password is required.")
            .ThrowIfInvalid();

        var stored = await credentialService.FindAsync(request.Email!, cancellationToken);
        if (stored is null)
        {
            hasher.VerifyAgainstDummy(request.Password!);
            throw InvalidCredentials();
        }

        var now = time.GetUtcNow();
        var credential = stored.Value;
        var passwordOk = hasher.Verify(request.Password!, credential.PasswordHash);
        if (credential.LockedUntil > now)
        {
            throw InvalidCredentials();
        }

        if (!passwordOk)
        {
            // Nobody proved who they are; the attempt named this account, so a lock is recorded under it.
            await credentialService.RecordFailedAttemptAsync(stored, now, ChangeActor.Anonymous(credential.UserId), cancellationToken);
            throw InvalidCredentials();
        }

        if (credential.RecentFailures.Count > 0)
        {
            await TryReplaceAsync(credentials, stored, credential with { RecentFailures = [], LockedUntil = null }, cancellationToken);
        }

        return await StartSessionAsync(credential, now, cancellationToken);
    }

    public async Task<TokenResponse> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        if (!RefreshTokenFormat.TryParse(request.RefreshToken, out var familyId, out var secret))
        {
            throw InvalidRefreshToken();
        }

        var stored = await sessions.FindAsync(familyId, familyId, cancellationToken);
        var now = time.GetUtcNow();
        if (stored is null || stored.Value.Revoked || stored.Value.ExpiresAt <= now)
        {
            throw InvalidRefreshToken();
        }

        var session = stored.Value;
        var hash = RefreshTokenFormat.HashSecret(secret);
        if (session.UsedSecretHashes.Contains(hash))
        {
            // A rotated-away token came back: someone holds a copy. End the whole family; the event rides in the same write.
            logger.LogWarning("Refresh token reuse detected; revoking session family {FamilyId}", familyId);
            var reuse = new RefreshTokenReuseDetected(session.UserId, familyId, now);
            var revoked = session with
            {
                Revoked = true,
                PendingEvents =
                [
                    .. session.PendingEvents,
                    OutboxEvent.Create(AuthEventTypes.RefreshTokenReuseDetected, RefreshTokenReuseDetected.Version, session.UserId, reuse, now, ChangeActor.Anonymous(session.UserId)),
                ],
            };
            if (await TryReplaceAsync(sessions, stored, revoked, cancellationToken, Ttl(revoked, now)))
            {
                // Not through AggregateStore: a race on a refresh token is lost on purpose (the other write stands), never retried.
                await sessionOutbox.DispatchAsync(familyId, familyId, cancellationToken: cancellationToken);
            }

            throw InvalidRefreshToken();
        }

        if (hash != session.CurrentSecretHash)
        {
            throw InvalidRefreshToken();
        }

        var credential = await credentialService.FindAsync(session.Email, cancellationToken);
        if (credential is null || credential.Value.SessionGeneration != session.SessionGeneration || credential.Value.UserId != session.UserId)
        {
            await TryReplaceAsync(sessions, stored, session with { Revoked = true }, cancellationToken, Ttl(session, now));
            throw InvalidRefreshToken();
        }

        var newSecret = RefreshTokenFormat.NewSecret();
        var rotated = session with
        {
            CurrentSecretHash = RefreshTokenFormat.HashSecret(newSecret),
            UsedSecretHashes = [.. session.UsedSecretHashes, hash],
            Roles = credential.Value.Roles,
        };
        try
        {
            await sessions.ReplaceAsync(familyId, familyId, rotated, stored.ETag, Ttl(rotated, now), cancellationToken);
        }
        catch (DocumentPreconditionFailedException)
        {
            // Two refreshes raced with the same token: only one may win, the other is treated as invalid.
            throw InvalidRefreshToken();
        }

        return new TokenResponse(
            // A session stored before AuthenticatedAt existed is never a fresh sign-in.
            await issuer.IssueAsync(session.UserId, session.Email, rotated.Roles, familyId, session.AuthenticatedAt ?? DateTimeOffset.UnixEpoch, cancellationToken),
            RefreshTokenFormat.Compose(familyId, newSecret),
            issuer.LifetimeSeconds);
    }

    public async Task LogoutAsync(LogoutRequest request, CancellationToken cancellationToken)
    {
        if (!RefreshTokenFormat.TryParse(request.RefreshToken, out var familyId, out var secret))
        {
            throw InvalidRefreshToken();
        }

        var stored = await sessions.FindAsync(familyId, familyId, cancellationToken);
        if (stored is null || stored.Value.CurrentSecretHash != RefreshTokenFormat.HashSecret(secret))
        {
            throw InvalidRefreshToken();
        }

        await TryReplaceAsync(sessions, stored, stored.Value with { Revoked = true }, cancellationToken, Ttl(stored.Value, time.GetUtcNow()));
    }

    private async Task<TokenResponse> StartSessionAsync(Credential credential, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var familyId = RefreshTokenFormat.NewFamilyId();
        var secret = RefreshTokenFormat.NewSecret();
        var session = new RefreshSession
        {
            FamilyId = familyId,
            UserId = credential.UserId,
            Email = credential.Email,
            Roles = credential.Roles,
            CurrentSecretHash = RefreshTokenFormat.HashSecret(secret),
            SessionGeneration = credential.SessionGeneration,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
            AuthenticatedAt = now,
        };
        await sessions.CreateAsync(familyId, familyId, session, Ttl(session, now), cancellationToken);
        return new TokenResponse(
            await issuer.IssueAsync(credential.UserId, credential.Email, credential.Roles, familyId, now, cancellationToken),
            RefreshTokenFormat.Compose(familyId, secret),
            issuer.LifetimeSeconds);
    }

    private static DocumentWriteOptions Ttl(RefreshSession session, DateTimeOffset now) => new(session.TimeToLiveAt(now));

    /// <summary>
    /// A best-effort conditional write: if a concurrent request already moved the document on, its write stands and this
    /// one (with any event it carried) did not happen; false then.
    /// </summary>
    private static async Task<bool> TryReplaceAsync<T>(IDocumentStore<T> store, StoredDocument<T> stored, T value, CancellationToken cancellationToken, DocumentWriteOptions? options = null) where T : class
    {
        try
        {
            await store.ReplaceAsync(stored.PartitionKey, stored.Id, value, stored.ETag, options, cancellationToken);
            return true;
        }
        catch (DocumentPreconditionFailedException)
        {
            return false;
        }
    }
}
