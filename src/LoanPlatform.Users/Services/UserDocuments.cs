using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Events;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Objects;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Services;

/// <summary>
/// Identity documents: hands out a signed upload for one object, then checks what was actually stored against what the
/// client declared (size, type, SHA-256) and seals it, a copy no upload URL can change, before the document counts:
/// Requested → Uploaded → Verified, or Rejected. Passing these file checks is not identity verification: that is
/// <see cref="CustomerKyc"/>'s review. Each step stores its audit event in the document's own write.
/// </summary>
public sealed class UserDocuments(
    IDocumentStore<UserDocument> documents,
    OutboxDispatcher<UserDocument> outbox,
    AggregateStore<UserDocument> documentAggregates,
    IDocumentObjectStore objects,
    UserProfiles profiles,
    CustomerKyc kyc,
    IOptions<DocumentsOptions> options,
    TimeProvider time)
{
    public async Task<DocumentUploadResponse> RequestUploadAsync(string userId, RequestDocumentRequest request, ChangeActor actor, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxSizeBytes;
        var validation = new RequestValidation();
        var kind = request.Type?.Trim().ToLowerInvariant() switch
        {
            "ktp" => UserDocumentKind.Ktp,
            "selfie" => UserDocumentKind.Selfie,
            _ => (UserDocumentKind?)null,
        };
        validation.Require(kind is not null, "type", "Type must be \"ktp\" or \"selfie\".");
        var contentType = request.ContentType?.Trim().ToLowerInvariant();
        validation.Require(contentType is not null && ContentSignatures.ContentTypes.Contains(contentType), "contentType", $"Content type must be one of {string.Join(", ", ContentSignatures.ContentTypes)}.");
        validation.Require(request.SizeBytes is > 0 && request.SizeBytes <= limit, "sizeBytes", $"Size must be between 1 and {limit} bytes.");
        var sha256 = Sha256Digest.TryNormalize(request.Sha256);
        validation.Require(sha256 is not null, "sha256", "SHA-256 must be 64 hex characters or the base64 of 32 bytes.");
        validation.ThrowIfInvalid();

        await profiles.GetAsync(userId, cancellationToken);
        var now = time.GetUtcNow();
        var documentId = Guid.CreateVersion7().ToString("N");
        var objectKey = ObjectKeys.ForDocument(userId, documentId);
        var document = new UserDocument(documentId, userId, kind!.Value, contentType!, request.SizeBytes!.Value, sha256!, objectKey, UserDocumentStatus.Requested, now, null, null, null, null);
        var requested = OutboxEvent.Create(
            UserEventTypes.DocumentRequested, DocumentRequested.Version, EventSubjects.Document(userId, documentId), new DocumentRequested(userId, documentId, document.Kind, now), now, actor);
        await documentAggregates.CreateAsync(userId, documentId, document.WithEvent(requested), cancellationToken);

        var upload = await objects.CreateUploadRequestAsync(objectKey, new ObjectUploadConstraints(document.ContentType, document.SizeBytes), now + options.Value.UploadUrlLifetime, cancellationToken);
        return new DocumentUploadResponse(documentId, document.Status, ToResponse(upload));
    }

    /// <summary>
    /// Checks the stored object against the declaration and seals it (POST …/complete and the blob trigger; idempotent).
    /// A match is copied inside the store to its sealed key and that copy checked again; the document then records
    /// Uploaded with the sealed reference and Verified (the file checks passed), which may put the customer in KYC
    /// review. A mismatch records Rejected with the reason and deletes the objects; the client requests a new document.
    /// <paramref name="actor"/> is who completed it: the user, or the blob trigger as a system actor.
    /// </summary>
    /// <remarks>
    /// Crash-safe by order: the copy is made before the document is written and the upload deleted only after, so a
    /// re-run finds either a Requested document (its copy, if any, is checked again and kept: copies are written once)
    /// or a sealed one. A concurrent completion that wrote first is answered with what it recorded.
    /// </remarks>
    public async Task<UserDocumentResponse> CompleteAsync(string userId, string documentId, ChangeActor actor, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(userId, documentId, cancellationToken);
        var document = stored.Value;
        if (document.Status != UserDocumentStatus.Requested)
        {
            // The old URL may still write until it expires; such bytes never count, so they are not kept either.
            await objects.DeleteAsync(document.ObjectKey, CancellationToken.None);
            if (document.Status == UserDocumentStatus.Rejected)
            {
                throw UserProblems.DocumentRejected.Exception(document.RejectionReason);
            }

            // A retry also finishes what a failure after the check left undone.
            await kyc.SubmitIfCompleteAsync(userId, actor, cancellationToken);
            return await ToResponseAsync(document, cancellationToken);
        }

        var now = time.GetUtcNow();
        (SealedObject? Sealed, string? Reason) seal;
        try
        {
            seal = await SealAsync(document, now, cancellationToken);
        }
        catch (ProblemException)
        {
            // A concurrent completion may have recorded the document and removed its upload meanwhile: answer with its result.
            if ((await FindAsync(userId, documentId, cancellationToken)).Value.Status != UserDocumentStatus.Requested)
            {
                return await CompleteAsync(userId, documentId, actor, cancellationToken);
            }

            throw;
        }

        var (sealedObject, reason) = seal;
        var subject = EventSubjects.Document(userId, documentId);
        var next = sealedObject is null
            ? document.Reject(reason!, now)
                .WithEvent(OutboxEvent.Create(UserEventTypes.DocumentRejected, DocumentRejected.Version, subject, new DocumentRejected(userId, documentId, document.Kind, now), now, actor))
            : document.Upload(sealedObject, now).Verify(now)
                .WithEvent(OutboxEvent.Create(UserEventTypes.DocumentVerified, DocumentVerified.Version, subject, new DocumentVerified(userId, documentId, document.Kind, now), now, actor));
        try
        {
            await documents.ReplaceAsync(userId, documentId, next, stored.ETag, cancellationToken: cancellationToken);
        }
        catch (DocumentPreconditionFailedException)
        {
            // Another completion (the trigger and the client together) or the outbox wrote first: answer from its result.
            return await CompleteAsync(userId, documentId, actor, cancellationToken);
        }

        // Not through AggregateStore: sealing is I/O between the read and the write, so a lost race re-runs the completion above.
        await outbox.DispatchAsync(userId, documentId, cancellationToken: cancellationToken);
        if (sealedObject is null)
        {
            foreach (var objectKey in document.AllObjectKeys())
            {
                await objects.DeleteAsync(objectKey, CancellationToken.None);
            }

            throw UserProblems.UploadNotValid.Exception(reason!);
        }

        // Readers use the sealed copy only; the upload is not kept.
        await objects.DeleteAsync(document.ObjectKey, CancellationToken.None);
        if (next.Kind == UserDocumentKind.Ktp)
        {
            await profiles.MarkKtpVerifiedAsync(userId, documentId, actor, cancellationToken);
        }

        await kyc.SubmitIfCompleteAsync(userId, actor, cancellationToken);

        return await ToResponseAsync(next, cancellationToken);
    }

    public async Task<IReadOnlyList<UserDocumentResponse>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var list = new List<UserDocumentResponse>();
        await foreach (var document in documents.QueryAsync(DocumentQuery.InPartition(userId), cancellationToken))
        {
            list.Add(await ToResponseAsync(document.Value, cancellationToken));
        }

        return list.OrderBy(d => d.CreatedAt).ToList();
    }

    public async Task<UserDocumentResponse> GetAsync(string userId, string documentId, CancellationToken cancellationToken) =>
        await ToResponseAsync((await FindAsync(userId, documentId, cancellationToken)).Value, cancellationToken);

    // Documents live in the owner's partition, so another user's id is simply not found: a 404, never a 403.
    private async Task<StoredDocument<UserDocument>> FindAsync(string userId, string documentId, CancellationToken cancellationToken) =>
        await documents.FindAsync(userId, documentId, cancellationToken) ?? throw ProblemException.NotFound("The document");

    /// <summary>
    /// Checks the upload, copies exactly the checked version (its ETag) to the sealed key, which is never overwritten,
    /// and checks the copy: the reference returned pins bytes that passed. Null with the reason when either check fails.
    /// </summary>
    private async Task<(SealedObject? Sealed, string? Reason)> SealAsync(UserDocument document, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var declared = new DeclaredObject(document.ContentType, document.SizeBytes, document.Sha256Hex);
        string uploadETag;
        await using (var upload = await objects.OpenReadAsync(document.ObjectKey, cancellationToken))
        {
            if (upload is null)
            {
                throw UserProblems.UploadMissing.Exception();
            }

            // A larger (or smaller) object fails here on its stored size, before any of it is read or copied.
            if (await StoredObjectCheck.FindMismatchAsync(upload, declared, cancellationToken) is { } reason)
            {
                return (null, reason);
            }

            uploadETag = upload.ETag;
        }

        var sealedKey = ObjectKeys.ForSealedDocument(document.UserId, document.DocumentId);
        var copy = await objects.CopyIfAbsentAsync(document.ObjectKey, uploadETag, sealedKey, cancellationToken);
        await using var sealedCopy = copy == ObjectCopyResult.SourceChanged ? null : await objects.OpenReadAsync(sealedKey, cancellationToken);
        if (sealedCopy is null)
        {
            // Replaced (through the still valid upload URL) between the check and the copy; the next completion checks the new bytes.
            throw UserProblems.UploadChanged.Exception();
        }

        // The copy (or one an interrupted completion left) must itself pass: only then is it what was verified.
        return await StoredObjectCheck.FindMismatchAsync(sealedCopy, declared, cancellationToken) is { } copyReason
            ? (null, copyReason)
            : (new SealedObject(sealedKey, sealedCopy.ETag, document.Sha256Hex, sealedCopy.SizeBytes, now), null);
    }

    private async Task<UserDocumentResponse> ToResponseAsync(UserDocument document, CancellationToken cancellationToken)
    {
        // Only the sealed copy is ever read: the upload key may still take a PUT until its URL expires.
        var download = document is { Status: UserDocumentStatus.Verified, Sealed: { } sealedObject }
            ? ToResponse(await objects.CreateDownloadRequestAsync(sealedObject.ObjectKey, time.GetUtcNow() + options.Value.DownloadUrlLifetime, cancellationToken))
            : null;
        return new UserDocumentResponse(document.DocumentId, document.Kind, document.ContentType, document.SizeBytes, document.Status, document.CreatedAt, document.VerifiedAt, download,
            document.UploadedAt, document.RejectedAt, document.RejectionReason);
    }

    private static SignedRequestResponse ToResponse(SignedObjectRequest request) =>
        new(request.Url.AbsoluteUri, request.Method, request.Headers, request.ExpiresAt);
}
