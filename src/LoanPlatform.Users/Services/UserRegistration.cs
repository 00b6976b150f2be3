using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Auth;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Validation;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Users.Services;

/// <summary>
/// Registers a user in steps that each either succeed or are undone: reserve email, phone and NIK, write the profile,
/// create the credential in Auth. A failure at any step deletes what the earlier steps wrote, so no half-registered user
/// remains and the same request can simply be retried. UserRegistered rides in the profile document and is dispatched only
/// once the credential exists; the sweeper leaves young events alone, so an undone registration is never announced.
/// </summary>
public sealed class UserRegistration(
    UniqueClaims claims,
    IDocumentStore<UserProfile> profiles,
    AuthCredentialsClient auth,
    OutboxDispatcher<UserProfile> outbox,
    TimeProvider time,
    ILogger<UserRegistration> logger)
{
    public async Task<string> RegisterAsync(RegisterUserRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var registration = RegistrationValidator.Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        var userId = Guid.CreateVersion7().ToString("N");
        var reserved = new List<(UniqueField Field, string Value)>();
        var profileCreated = false;
        try
        {
            foreach (var (field, value) in new[] { (UniqueField.Email, registration.Email), (UniqueField.Phone, registration.Phone), (UniqueField.Nik, registration.Nik.Value) })
            {
                await claims.ReserveAsync(field, value, userId, cancellationToken);
                reserved.Add((field, value));
            }

            var profile = new UserProfile(
                userId, registration.FullName, registration.Email, registration.Phone, registration.Nik.Value, registration.DateOfBirth,
                registration.Language, new ConsentRecord(registration.ConsentVersion, now), KtpStatus.NotVerified, now, now)
            {
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

            await auth.CreateCredentialAsync(new CreateCredentialRequest(userId, registration.Email, registration.Password, [PlatformRoles.Customer]), cancellationToken);
            logger.LogInformation("Registered user {UserId}", userId);
        }
        catch
        {
            await CompensateAsync(userId, profileCreated, reserved);
            throw;
        }

        await outbox.DispatchAsync(userId, userId, cancellationToken: cancellationToken);
        return userId;
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
}
