using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Events;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Objects;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Services;

/// <summary>
/// Identity documents: hands out a signed upload for one object, then checks what was actually stored against what the
/// client declared (size, type, SHA-256) before the document counts: Requested → Uploaded → Verified, or Rejected.
/// Passing these file checks is not identity verification: that is <see cref="CustomerKyc"/>'s review. Each step stores its audit event in the document's own write.
/// </summary>
public sealed class UserDocuments(
    IDocumentStore<UserDocument> documents,
    OutboxDispatcher<UserDocument> outbox,
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
        await documents.CreateAsync(userId, documentId, document.WithEvent(requested), cancellationToken: cancellationToken);
        await outbox.DispatchAsync(userId, documentId, cancellationToken: cancellationToken);

        var upload = await objects.CreateUploadRequestAsync(objectKey, new ObjectUploadConstraints(document.ContentType, document.SizeBytes), now + options.Value.UploadUrlLifetime, cancellationToken);
        return new DocumentUploadResponse(documentId, document.Status, ToResponse(upload));
    }

    /// <summary>
    /// Checks the stored object against the declaration (POST …/complete and the blob trigger; idempotent). A match
    /// records Uploaded and then Verified (the file checks passed) and may put the customer in KYC review. A mismatch records Rejected with the reason and deletes
    /// the object; the client requests a new document. <paramref name="actor"/> is who completed it: the user, or the
    /// blob trigger as a system actor.
    /// </summary>
    public async Task<UserDocumentResponse> CompleteAsync(string userId, string documentId, ChangeActor actor, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(userId, documentId, cancellationToken);
        var document = stored.Value;
        switch (document.Status)
        {
            case UserDocumentStatus.Verified:
                // A retry also finishes what a failure after the check left undone.
                await kyc.SubmitIfCompleteAsync(userId, actor, cancellationToken);
                return await ToResponseAsync(document, cancellationToken);
            case UserDocumentStatus.Rejected:
                // The old URL may still write until it expires; such bytes never count, so they are not kept either.
                await objects.DeleteAsync(document.ObjectKey, CancellationToken.None);
                throw UserProblems.DocumentRejected(document.RejectionReason);
        }

        var reason = await CheckObjectAsync(document, cancellationToken);
        var now = time.GetUtcNow();
        var subject = EventSubjects.Document(userId, documentId);
        if (reason is not null)
        {
            var rejected = document.Reject(reason, now)
                .WithEvent(OutboxEvent.Create(UserEventTypes.DocumentRejected, DocumentRejected.Version, subject, new DocumentRejected(userId, documentId, document.Kind, now), now, actor));
            await documents.ReplaceAsync(userId, documentId, rejected, stored.ETag, cancellationToken: cancellationToken);
            await outbox.DispatchAsync(userId, documentId, cancellationToken: cancellationToken);
            await objects.DeleteAsync(document.ObjectKey, CancellationToken.None);
            throw UserProblems.UploadNotValid(reason);
        }

        var verified = document.Upload(now).Verify(now)
            .WithEvent(OutboxEvent.Create(UserEventTypes.DocumentVerified, DocumentVerified.Version, subject, new DocumentVerified(userId, documentId, document.Kind, now), now, actor));
        await documents.ReplaceAsync(userId, documentId, verified, stored.ETag, cancellationToken: cancellationToken);
        await outbox.DispatchAsync(userId, documentId, cancellationToken: cancellationToken);
        if (verified.Kind == UserDocumentKind.Ktp)
        {
            await profiles.MarkKtpVerifiedAsync(userId, documentId, actor, cancellationToken);
        }

        await kyc.SubmitIfCompleteAsync(userId, actor, cancellationToken);

        return await ToResponseAsync(verified, cancellationToken);
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

    private async Task<string?> CheckObjectAsync(UserDocument document, CancellationToken cancellationToken)
    {
        await using var stored = await objects.OpenReadAsync(document.ObjectKey, cancellationToken);
        if (stored is null)
        {
            throw ProblemException.Conflict("upload-missing", "Nothing has been uploaded for this document yet.");
        }

        return await StoredObjectCheck.FindMismatchAsync(stored, new DeclaredObject(document.ContentType, document.SizeBytes, document.Sha256Hex), cancellationToken);
    }

    private async Task<UserDocumentResponse> ToResponseAsync(UserDocument document, CancellationToken cancellationToken)
    {
        var download = document.Status == UserDocumentStatus.Verified
            ? ToResponse(await objects.CreateDownloadRequestAsync(document.ObjectKey, time.GetUtcNow() + options.Value.DownloadUrlLifetime, cancellationToken))
            : null;
        return new UserDocumentResponse(document.DocumentId, document.Kind, document.ContentType, document.SizeBytes, document.Status, document.CreatedAt, document.VerifiedAt, download,
            document.UploadedAt, document.RejectedAt, document.RejectionReason);
    }

    private static SignedRequestResponse ToResponse(SignedObjectRequest request) =>
        new(request.Url.AbsoluteUri, request.Method, request.Headers, request.ExpiresAt);
}
