using System.Security.Cryptography;
using System.Text;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Auth;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Objects;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Users.Services;

/// <summary>
/// The UU PDP right to erasure, irreversible. Requires If-Match with the profile's current ETag, so a replayed or
/// stale request cannot erase (428 without one, 412 when stale). Order matters for a retry after a failure: the login
/// credential goes first (through Auth's internal API, retried; a credential already gone counts), then document
/// objects and records and push devices, then the profile and the uniqueness claims, so until the profile is gone the same request can
/// be repeated with the still-valid access token. What remains is an <see cref="ErasureRecord"/> without identity.
/// </summary>
public sealed class UserErasure(
    UserProfiles profiles,
    IDocumentStore<UserProfile> profileStore,
    IDocumentStore<UserDocument> documents,
    IDocumentStore<PushDevice> devices,
    IDocumentStore<ErasureRecord> erasures,
    IDocumentObjectStore objects,
    UniqueClaims claims,
    AuthCredentialsClient auth,
    TimeProvider time,
    ILogger<UserErasure> logger)
{
    public const string LegalBasis = "UU 27/2022 (PDP) art. 8 and 43: erasure at the data subject's request";

    public async Task EraseAsync(string userId, string? ifMatch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw UserProblems.PreconditionRequired();
        }

        var current = await profiles.GetAsync(userId, cancellationToken);
        if (!EntityTags.Matches(ifMatch, current.ETag))
        {
            throw UserProblems.StaleETag();
        }

        var profile = current.Value;
        await auth.DeleteCredentialAsync(userId, profile.Email, cancellationToken);

        // Past this point the work is finished even if the client goes away.
        var erasedDocuments = 0;
        await foreach (var document in documents.QueryAsync(DocumentQuery.InPartition(userId), CancellationToken.None))
        {
            await objects.DeleteAsync(document.Value.ObjectKey, CancellationToken.None);
            await documents.DeleteAsync(userId, document.Value.DocumentId, null, CancellationToken.None);
            erasedDocuments++;
        }

        var erasedDevices = 0;
        await foreach (var device in devices.QueryAsync(DocumentQuery.InPartition(userId), CancellationToken.None))
        {
            await devices.DeleteAsync(userId, device.Value.DeviceId, null, CancellationToken.None);
            erasedDevices++;
        }

        var subjectHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
        var record = new ErasureRecord(subjectHash, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), LegalBasis, erasedDocuments);
        try
        {
            await erasures.CreateAsync(subjectHash, subjectHash, record, cancellationToken: CancellationToken.None);
        }
        catch (DocumentConflictException)
        {
            // A repeated erasure after an interruption: the first record stands.
        }

        await profileStore.DeleteAsync(userId, userId, null, CancellationToken.None);
        await claims.ReleaseAsync(UniqueField.Email, profile.Email, userId);
        await claims.ReleaseAsync(UniqueField.Phone, profile.Phone, userId);
        await claims.ReleaseAsync(UniqueField.Nik, profile.Nik, userId);
        logger.LogInformation("Erased user {SubjectHash}, {DocumentCount} documents and {DeviceCount} devices", subjectHash, erasedDocuments, erasedDevices);
    }
}
