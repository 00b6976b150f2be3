using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Services;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Functions;

/// <summary>
/// Completes an upload when the client never calls POST …/complete: a new blob under users/{userId}/{documentId}
/// runs the same check, sealing and recording as that endpoint (<see cref="UserDocuments.CompleteAsync"/>, idempotent).
/// A blob a still valid upload URL writes after the document was sealed arrives here too, and is deleted; the sealed
/// copies (sealed/…) are ignored.
/// Blob Storage reports each new blob to Event Grid, whose subscription (infra/app/document-upload-events.bicep) puts
/// the BlobCreated event on this app's queue: the Flex Consumption plan runs no polling blob trigger, and a queue keeps
/// the app closed to everyone but API Management (an Event Grid webhook would need it open to Event Grid, with a key).
/// Its changes are audited as made by <see cref="Actor"/>, not the user: no one signed in did them.
/// </summary>
public sealed class DocumentUploadedFunction(UserDocuments documents, IOptions<DocumentsOptions> options, ILogger<DocumentUploadedFunction> logger)
{
    public static readonly ChangeActor Actor = ChangeActor.System("blob-trigger");

    /// <summary>The queue in the app's own storage account (AzureWebJobsStorage), named by the app setting infra writes.</summary>
    public const string QueueName = "%Documents__UploadEvents__Queue%";

    [Function("CompleteUploadedDocument")]
    public async Task Run([QueueTrigger(QueueName)] string message, CancellationToken cancellationToken)
    {
        if (BlobCreatedEvent.TryParse(message) is not { } created
            || created.Container != options.Value.AzureBlob.Container
            || !ObjectKeys.TryParseDocument(created.BlobName, out var userId, out var documentId))
        {
            // The subscription filters on the uploads' folder; anything else is not an upload, and retrying will not make it one.
            logger.LogWarning("Ignored a document-upload queue message that is not a BlobCreated event under the uploads' folder");
            return;
        }

        try
        {
            await documents.CompleteAsync(userId, documentId, Actor, cancellationToken);
        }
        catch (ProblemException problem)
        {
            // A mismatch already deleted the object, and an unknown document is not ours to keep: nothing to retry.
            logger.LogWarning("Upload for document {DocumentId} in container {Container} not completed: {ProblemType}", documentId, created.Container, problem.Type);
        }
    }
}
