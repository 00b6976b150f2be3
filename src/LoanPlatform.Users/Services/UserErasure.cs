using System.Security.Cryptography;
using System.Text;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Auth;
using LoanPlatform.Users.Events;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Objects;
using Microsoft.Extensions.Logging;
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.Users.Services;

/// <summary>
/// The UU PDP right to erasure, irreversible. Requires If-Match with the profile's current ETag, so a replayed or
/// stale request cannot erase (428 without one, 412 when stale). Order matters for a retry after a failure: the login
/// credential goes first (through Auth's internal API, retried; a credential already gone counts), then document
/// objects and records and push devices, then the profile and the uniqueness claims, so until the profile is gone the same request can
/// be repeated with the still-valid access token. What remains is an <see cref="ErasureRecord"/> without identity, which
/// carries the erasure's audit event. Events still pending in what is about to be deleted are published first, or the
/// erasure stops (503) before anything is erased, so no earlier change loses its audit record. And it needs a fresh
/// sign-in: a token whose password sign-in (auth_time) is at most <see cref="FreshSignIn"/> old, or the password in the
/// body; otherwise 403 <c>reauthentication-required</c>, so a stolen or forgotten old token cannot erase anyone.
/// </summary>
public sealed class UserErasure(
    UserProfiles profiles,
    IDocumentStore<UserProfile> profileStore,
    IDocumentStore<UserDocument> documents,
    IDocumentStore<PushDevice> devices,
    IDocumentStore<ErasureRecord> erasures,
    OutboxDispatcher<UserProfile> profileOutbox,
    OutboxDispatcher<UserDocument> documentOutbox,
    OutboxDispatcher<PushDevice> deviceOutbox,
    OutboxDispatcher<ErasureRecord> erasureOutbox,
    IDocumentObjectStore objects,
    UniqueClaims claims,
    AuthCredentialsClient auth,
    TimeProvider time,
    ILogger<UserErasure> logger)
{
    public static readonly TimeSpan FreshSignIn = TimeSpan.FromMinutes(5);

    public const string LegalBasis = "UU 27/2022 (PDP) art. 8 and 43: erasure at the data subject's request";

    public async Task EraseAsync(string userId, string? ifMatch, DateTimeOffset? signedInAt, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw CommonProblems.PreconditionRequired.Exception();
        }

        var current = await profiles.GetAsync(userId, cancellationToken);
        if (!EntityTags.Matches(ifMatch, current.ETag))
        {
            throw CommonProblems.StaleETag.Exception();
        }

        var profile = current.Value;
        var fresh = signedInAt is { } at && time.GetUtcNow() - at <= FreshSignIn;
        if (!fresh && (string.IsNullOrEmpty(password) || !await auth.CheckPasswordAsync(userId, profile.Email, password, cancellationToken)))
        {
            throw UserProblems.ReauthenticationRequired.Exception();
        }

        await PublishPendingAsync(userId, cancellationToken);
        await auth.DeleteCredentialAsync(userId, profile.Email, cancellationToken);

        // Past this point the work is finished even if the client goes away.
        var erasedDocuments = 0;
        await foreach (var document in documents.QueryAsync(DocumentQuery.InPartition(userId), CancellationToken.None))
        {
            foreach (var objectKey in document.Value.AllObjectKeys())
            {
                await objects.DeleteAsync(objectKey, CancellationToken.None);
            }

            await documents.DeleteAsync(userId, document.Value.DocumentId, null, CancellationToken.None);
            erasedDocuments++;
        }

        var erasedDevices = 0;
        await foreach (var device in devices.QueryAsync(DocumentQuery.InPartition(userId), CancellationToken.None))
        {
            await devices.DeleteAsync(userId, device.Value.DeviceId, null, CancellationToken.None);
            erasedDevices += device.Value.IsRemoved ? 0 : 1;
        }

        var subjectHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
        var now = time.GetUtcNow();
        var erasedOn = DateOnly.FromDateTime(now.UtcDateTime);
        // The data subject acted, named like the record: by the hash, so the trail does not tie the user id to the erasure.
        var erased = OutboxEvent.Create(
            UserEventTypes.UserErased, UserErased.Version, subjectHash, new UserErased(subjectHash, erasedDocuments, erasedDevices, erasedOn), now,
            new ChangeActor(subjectHash, PlatformRoles.Customer));
        try
        {
            await erasures.CreateAsync(
                subjectHash, subjectHash, new ErasureRecord(subjectHash, erasedOn, LegalBasis, erasedDocuments).WithEvent(erased), cancellationToken: CancellationToken.None);
        }
        catch (DocumentConflictException)
        {
            // A repeated erasure after an interruption: the first record, and its event, stand.
        }

        // Not through AggregateStore: a repeated erasure writes nothing, yet must still publish what the first record left.
        await erasureOutbox.DispatchAsync(subjectHash, subjectHash, cancellationToken: CancellationToken.None);

        await profileStore.DeleteAsync(userId, userId, null, CancellationToken.None);
        await claims.ReleaseAsync(UniqueField.Email, profile.Email, userId);
        await claims.ReleaseAsync(UniqueField.Phone, profile.Phone, userId);
        await claims.ReleaseAsync(UniqueField.Nik, profile.Nik, userId);
        logger.LogInformation("Erased user {SubjectHash}, {DocumentCount} documents and {DeviceCount} devices", subjectHash, erasedDocuments, erasedDevices);
    }

    private async Task PublishPendingAsync(string userId, CancellationToken cancellationToken)
    {
        var published = await profileOutbox.TryDrainAsync(userId, userId, cancellationToken);
        await foreach (var document in documents.QueryAsync(DocumentQuery.InPartition(userId), cancellationToken))
        {
            published &= !document.Value.HasPendingEvents || await documentOutbox.TryDrainAsync(userId, document.Id, cancellationToken);
        }

        await foreach (var device in devices.QueryAsync(DocumentQuery.InPartition(userId), cancellationToken))
        {
            published &= !device.Value.HasPendingEvents || await deviceOutbox.TryDrainAsync(userId, device.Id, cancellationToken);
        }

        if (!published)
        {
            throw UserProblems.ChangesNotYetAudited.Exception();
        }
    }
}
