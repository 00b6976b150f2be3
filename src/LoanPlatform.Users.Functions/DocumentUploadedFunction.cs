using Azure.Storage.Blobs;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Services;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Users.Functions;

/// <summary>
/// Completes an upload when the client never calls POST …/complete: a new blob under users/{userId}/{documentId}
/// runs the same check, sealing and recording as that endpoint (<see cref="UserDocuments.CompleteAsync"/>, idempotent).
/// A blob a still valid upload URL writes after the document was sealed fires it again, and is deleted; the sealed copies
/// (sealed/…) never fire it.
/// The connection "Documents:AzureBlob" is identity-based: it reads Documents__AzureBlob__ServiceUri, as the adapter does.
/// Its changes are audited as made by <see cref="Actor"/>, not the user: no one signed in did them.
/// </summary>
public sealed class DocumentUploadedFunction(UserDocuments documents, ILogger<DocumentUploadedFunction> logger)
{
    public static readonly ChangeActor Actor = ChangeActor.System("blob-trigger");

    /// <summary>The container is the app setting the adapter reads too (Documents__AzureBlob__Container), so the two cannot drift.</summary>
    public const string BlobPath = "%Documents__AzureBlob__Container%/users/{userId}/{documentId}";
    public const string Connection = "Documents:AzureBlob";

    [Function("CompleteUploadedDocument")]
    public async Task Run([BlobTrigger(BlobPath, Connection = Connection)] BlobClient blob, string userId, string documentId, CancellationToken cancellationToken)
    {
        try
        {
            await documents.CompleteAsync(userId, documentId, Actor, cancellationToken);
        }
        catch (ProblemException problem)
        {
            // A mismatch already deleted the object, and an unknown document is not ours to keep: nothing to retry.
            logger.LogWarning("Upload for document {DocumentId} in container {Container} not completed: {ProblemType}", documentId, blob.BlobContainerName, problem.Type);
        }
    }
}
