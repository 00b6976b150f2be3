using System.Security.Cryptography;
using System.Text;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Identity;
using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Auth;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Events;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Validation;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Users.Services;

/// <summary>
/// Registration in two steps that never tell anyone who is a customer. <see cref="StartAsync"/> answers every
/// well-formed request alike, after the same work (Auth hashes the password, the three unique values are looked up, one
/// pending registration is written): when the email, phone and NIK are all free, a six-digit code goes to the email;
/// otherwise the existing customer(s) are told someone tried to register with their details, and the pending
/// registration has no code. <see cref="VerifyAsync"/> then creates the account from a pending registration and its code,
/// in steps that each either succeed or are undone: reserve email, phone and NIK (the race-free uniqueness), write the
/// profile, create the credential in Auth. UserRegistered rides in the profile and is dispatched only once the
/// credential exists; the sweeper leaves young events alone, so an undone registration is never announced.
/// </summary>
public sealed class UserRegistration(
    UniqueClaims claims,
    IDocumentStore<UserProfile> profiles,
    IDocumentStore<PendingRegistration> pending,
    AuthCredentialsClient auth,
    OutboxDispatcher<UserProfile> outbox,
    AggregateStore<PendingRegistration> pendingRegistrations,
    TimeProvider time,
    ILogger<UserRegistration> logger)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Wrong codes after which the pending registration is ended.</summary>
    public const int MaxCodeAttempts = 5;

    private const string SystemActor = "registration";

    public async Task StartAsync(RegisterUserRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var registration = RegistrationValidator.Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        var passwordHash = await auth.HashPasswordAsync(registration.Email, registration.Password, cancellationToken);

        var holders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, value) in UniqueValues(registration.Email, registration.Phone, registration.Nik.Value))
        {
            if (await claims.HolderOfAsync(field, value, cancellationToken) is { } holder)
            {
                holders.Add(holder);
            }
        }

        var registrationId = Guid.CreateVersion7().ToString("N");
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var actor = ChangeActor.System(SystemActor);
        IReadOnlyList<OutboxEvent> events = holders.Count == 0
            ?
            [
                OutboxEvent.Create(UserEventTypes.RegistrationCodeIssued, RegistrationCodeIssued.Version, registrationId,
                    new RegistrationCodeIssued(registrationId, code, (int)CodeLifetime.TotalMinutes,
                        new RegistrationRecipient(registration.Email, registration.Language, ProfileRules.FirstName(registration.FullName))), now, actor) with { NotificationOnly = true },
            ]
            : [.. holders.Select(holder => OutboxEvent.Create(UserEventTypes.RegistrationAttempted, RegistrationAttempted.Version, holder,
                new RegistrationAttempted(holder, now), now, actor) with { NotificationOnly = true })];
        var document = new PendingRegistration(
            registrationId, Guid.CreateVersion7().ToString("N"), registration.FullName, registration.Email, registration.Phone, registration.Nik.Value,
            registration.DateOfBirth, registration.Language, registration.ConsentVersion, passwordHash,
            holders.Count == 0 ? HashCode(registrationId, code) : null, now, now + CodeLifetime)
        {
            PendingEvents = events,
        };

        // One pending registration per email: a new one replaces the last (a lost code is asked for by registering again).
        // Two registrations for one email at once: the later write wins. Events of the one replaced that have not left
        // yet still go out with this write.
        var key = KeyOf(registration.Email);
        await pendingRegistrations.WriteAsync(key, key, existing =>
            existing is null ? document : document with { PendingEvents = [.. existing.PendingEvents, .. document.PendingEvents] }, cancellationToken);
    }

    public async Task<string> VerifyAsync(VerifyRegistrationRequest request, CancellationToken cancellationToken)
    {
        new BuildingBlocks.Problems.RequestValidation()
            .Require(EmailAddress.IsValid(request.Email), "email", "Email must be a valid address.")
            .Require(request.Code is { Length: 6 } code && code.All(char.IsAsciiDigit), "code", "The code is the six digits sent to your email.")
            .ThrowIfInvalid();

        var key = KeyOf(EmailAddress.Normalize(request.Email!));
        var stored = await pending.FindAsync(key, key, cancellationToken);
        var now = time.GetUtcNow();
        if (stored is null || stored.Value.ExpiresAt <= now)
        {
            throw UserProblems.InvalidVerificationCode.Exception();
        }

        var candidate = stored.Value;
        if (candidate.CodeHash is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(candidate.CodeHash), Encoding.ASCII.GetBytes(HashCode(candidate.RegistrationId, request.Code!))))
        {
            await CountWrongCodeAsync(key, stored, cancellationToken);
            throw UserProblems.InvalidVerificationCode.Exception();
        }

        // The code is spent before the account is made: a second request with it finds nothing to verify.
        try
        {
            if (!await pending.DeleteAsync(key, key, stored.ETag, cancellationToken))
            {
                throw UserProblems.InvalidVerificationCode.Exception();
            }
        }
        catch (DocumentPreconditionFailedException)
        {
            throw UserProblems.InvalidVerificationCode.Exception();
        }

        await CreateAccountAsync(candidate, now, cancellationToken);
        return candidate.UserId;
    }

    private async Task CreateAccountAsync(PendingRegistration registration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var userId = registration.UserId;
        var reserved = new List<(UniqueField Field, string Value)>();
        var profileCreated = false;
        try
        {
            foreach (var (field, value) in UniqueValues(registration.Email, registration.Phone, registration.Nik))
            {
                await claims.ReserveAsync(field, value, userId, cancellationToken);
                reserved.Add((field, value));
            }

            var profile = new UserProfile(
                userId, registration.FullName, registration.Email, registration.Phone, registration.Nik, registration.DateOfBirth,
                registration.Language, new ConsentRecord(registration.ConsentVersion, registration.CreatedAt), KtpStatus.NotVerified, now, now)
            {
                MayHaveDevices = false,
                // The new user registers themselves: no one is signed in yet, so the actor is the account being created.
                PendingEvents =
                [
                    OutboxEvent.Create(
                        EventTypes.UserRegistered, UserRegistered.Version, userId, new UserRegistered(userId, registration.Language, now), now,
                        new ChangeActor(userId, PlatformRoles.Customer)),
                ],
            };
            await profiles.CreateAsync(userId, userId, profile, cancellationToken: cancellationToken);
            profileCreated = true;

            await auth.CreateCredentialAsync(new CreateCredentialRequest(userId, registration.Email, [PlatformRoles.Customer], registration.PasswordHash), cancellationToken);
            logger.LogInformation("Registered user {UserId}", userId);
        }
        catch
        {
            await CompensateAsync(userId, profileCreated, reserved);
            throw;
        }

        // Not through AggregateStore: UserRegistered may leave only once the credential exists, a step after the profile's write.
        await outbox.DispatchAsync(userId, userId, cancellationToken: cancellationToken);
    }

    /// <summary>A wrong code counts; the last allowed one ends the registration. A lost race just refuses without counting.</summary>
    private async Task CountWrongCodeAsync(string key, StoredDocument<PendingRegistration> stored, CancellationToken cancellationToken)
    {
        try
        {
            var failures = stored.Value.FailedAttempts + 1;
            if (failures >= MaxCodeAttempts && !stored.Value.HasPendingEvents)
            {
                await pending.DeleteAsync(key, key, stored.ETag, cancellationToken);
            }
            else
            {
                await pending.ReplaceAsync(key, key, stored.Value with { FailedAttempts = failures, CodeHash = failures >= MaxCodeAttempts ? null : stored.Value.CodeHash },
                    stored.ETag, new DocumentWriteOptions(stored.Value.ExpiresAt - time.GetUtcNow()), cancellationToken);
            }
        }
        catch (Exception e) when (e is DocumentPreconditionFailedException or DocumentNotFoundException)
        {
            // Another attempt changed it first; this one is refused all the same.
        }
    }

    private async Task CompensateAsync(string userId, bool profileCreated, List<(UniqueField Field, string Value)> reserved)
    {
        try
        {
            if (profileCreated)
            {
                await profiles.DeleteAsync(userId, userId, cancellationToken: CancellationToken.None);
            }

            foreach (var (field, value) in reserved)
            {
                await claims.ReleaseAsync(field, value, userId);
            }
        }
        catch (Exception e)
        {
            // Logged with the user id only; the claims left behind are found by that id, never by NIK or phone.
            logger.LogError(e, "Could not undo the partial registration of {UserId}", userId);
        }
    }

    private static (UniqueField Field, string Value)[] UniqueValues(string email, string phone, string nik) =>
        [(UniqueField.Email, email), (UniqueField.Phone, phone), (UniqueField.Nik, nik)];

    /// <summary>The pending registration's id: a hash of the normalized email, so no address appears in ids.</summary>
    private static string KeyOf(string normalizedEmail) =>
        "registration:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));

    private static string HashCode(string registrationId, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(registrationId + ":" + code)));
}
