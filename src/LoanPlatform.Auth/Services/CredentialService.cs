using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Model;
using LoanPlatform.BuildingBlocks.Identity;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;

namespace LoanPlatform.Auth.Services;

/// <summary>Creates and maintains credentials; the only writer of credential documents.</summary>
public sealed class CredentialService(IDocumentStore<Credential> credentials, PasswordHasher hasher, TimeProvider time)
{
    public const int MinimumPasswordLength = 12;

    public async Task<Credential> CreateAsync(CreateCredentialRequest request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation()
            .Require(!string.IsNullOrWhiteSpace(request.UserId), "userId", "A user id is required.")
            .Require(EmailAddress.IsValid(request.Email), "email", "A valid email address is required.")
            .Require(request.Password is { Length: >= MinimumPasswordLength and <= 256 }, "password", $"The password must have {MinimumPasswordLength} to 256 characters.")
            .Require(request.Roles is { Count: > 0 } roles && roles.All(r => r == PlatformRoles.Customer), "roles", "Only customer credentials are created here.");
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
