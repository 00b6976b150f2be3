using System.Net;
using System.Reflection;
using System.Text.Json;
using LoanPlatform.Testing;
using LoanPlatform.Users.Functions;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.AzureBlob;
using LoanPlatform.Users.Services;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>The upload trigger: Blob Storage's BlobCreated events from the queue Event Grid fills, completing through the same method as POST …/complete.</summary>
public sealed class DocumentUploadedFunctionTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public void The_trigger_reads_the_upload_events_queue_the_infrastructure_names()
    {
        var method = typeof(DocumentUploadedFunction).GetMethod(nameof(DocumentUploadedFunction.Run))!;
        Assert.Equal("CompleteUploadedDocument", method.GetCustomAttribute<FunctionAttribute>()!.Name);
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).Single(a => a is not null)!;

        // The app setting infra/app/app-settings.bicep writes; no Connection, so the queue is in the app's own AzureWebJobsStorage.
        Assert.Equal("%Documents__UploadEvents__Queue%", trigger.QueueName);
        Assert.Null(trigger.Connection);
    }

    [Theory]
    [InlineData("users/u-1/d-1", true)]
    [InlineData("sealed/u-1/d-1", false)]
    [InlineData("users/u-1", false)]
    [InlineData("users/u-1/d-1/extra", false)]
    [InlineData("users/../d-1", false)]
    public void Only_an_upload_key_names_a_document(string blobName, bool isUpload)
    {
        Assert.Equal(isUpload, ObjectKeys.TryParseDocument(blobName, out var userId, out var documentId));
        Assert.Equal(isUpload ? ("u-1", "d-1") : (string.Empty, string.Empty), (userId, documentId));
    }

    [Fact]
    public async Task Messages_that_are_not_an_upload_in_the_documents_container_change_nothing()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var (documentId, upload) = await DocumentTests.RequestAsync(client, "ktp", SampleImages.Jpeg);
        (await host.UploadAsync(upload, SampleImages.Jpeg)).EnsureSuccessStatusCode();
        var container = host.GetRequiredService<IOptions<DocumentsOptions>>().Value.AzureBlob.Container;

        await RunAsync(host, BlobCreatedMessage("other-container", ObjectKeys.ForDocument(userId, documentId)));
        await RunAsync(host, BlobCreatedMessage(container, ObjectKeys.ForSealedDocument(userId, documentId)));
        await RunAsync(host, BlobCreatedMessage(container, ObjectKeys.ForDocument(userId, documentId), "Microsoft.Storage.BlobDeleted"));
        await RunAsync(host, "not an event");

        Assert.Equal("requested", (await client.GetFromJsonAsync(documentId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_valid_upload_is_completed_by_the_trigger_and_a_second_event_changes_nothing()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var (documentId, upload) = await DocumentTests.RequestAsync(client, "ktp", SampleImages.Jpeg);
        (await host.UploadAsync(upload, SampleImages.Jpeg)).EnsureSuccessStatusCode();

        await RunTriggerAsync(host, userId, documentId);
        var first = await client.GetFromJsonAsync(documentId);
        await RunTriggerAsync(host, userId, documentId);

        Assert.Equal("verified", first.GetProperty("status").GetString());
        Assert.True(first.GetProperty("uploadedAt").GetDateTimeOffset() <= first.GetProperty("verifiedAt").GetDateTimeOffset());
        Assert.Equal(first.GetProperty("verifiedAt").GetDateTimeOffset(), (await client.GetFromJsonAsync(documentId)).GetProperty("verifiedAt").GetDateTimeOffset());
        // The client's own complete after the trigger is still a success.
        using var complete = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);
        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
    }

    [Fact]
    public async Task A_mismatching_upload_is_deleted_by_the_trigger_and_the_document_rejected_with_the_reason()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var (documentId, upload) = await DocumentTests.RequestAsync(client, "ktp", SampleImages.Jpeg);
        var altered = SampleImages.Jpeg;
        altered[^3] ^= 0x55;
        (await host.UploadAsync(upload, altered)).EnsureSuccessStatusCode();

        await RunTriggerAsync(host, userId, documentId);

        var document = await client.GetFromJsonAsync(documentId);
        Assert.Equal("rejected", document.GetProperty("status").GetString());
        Assert.Equal("The SHA-256 of the stored bytes differs from the declared one.", document.GetProperty("rejectionReason").GetString());
        Assert.Null(await host.GetRequiredService<IDocumentObjectStore>().OpenReadAsync(ObjectKeys.ForDocument(userId, documentId), CancellationToken.None));
        using var complete = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);
        await complete.AssertProblemAsync(HttpStatusCode.Conflict, "document-rejected");
    }

    /// <summary>Runs the trigger as the Functions host would for the BlobCreated event of the document's upload.</summary>
    internal static Task RunTriggerAsync(UsersHost host, string userId, string documentId) =>
        RunAsync(host, BlobCreatedMessage(host.GetRequiredService<IOptions<DocumentsOptions>>().Value.AzureBlob.Container, ObjectKeys.ForDocument(userId, documentId)));

    private static async Task RunAsync(UsersHost host, string message)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var function = new DocumentUploadedFunction(
            scope.ServiceProvider.GetRequiredService<UserDocuments>(),
            scope.ServiceProvider.GetRequiredService<IOptions<DocumentsOptions>>(),
            NullLogger<DocumentUploadedFunction>.Instance);
        await function.Run(message, CancellationToken.None);
    }

    /// <summary>The queue message Event Grid writes for a new blob, in the Event Grid schema (Blob Storage's documented event).</summary>
    private static string BlobCreatedMessage(string container, string blobName, string eventType = "Microsoft.Storage.BlobCreated") =>
        JsonSerializer.Serialize(new
        {
            topic = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-loanplatform/providers/Microsoft.Storage/storageAccounts/stdocs",
            subject = $"/blobServices/default/containers/{container}/blobs/{blobName}",
            eventType,
            id = Guid.NewGuid().ToString(),
            eventTime = DateTimeOffset.UtcNow,
            data = new
            {
                api = "PutBlob",
                eTag = "0x8DD00000000000",
                contentType = "image/jpeg",
                contentLength = SampleImages.Jpeg.Length,
                blobType = "BlockBlob",
                url = $"https://stdocs.blob.core.windows.net/{container}/{blobName}",
                sequencer = "00000000000000000000000000000000000000000000000000",
            },
            dataVersion = "",
            metadataVersion = "1",
        });
}

internal static class DocumentReads
{
    public static async Task<JsonElement> GetFromJsonAsync(this HttpClient client, string documentId)
    {
        using var response = await client.GetAsync($"/users/me/documents/{documentId}");
        return await response.ReadJsonAsync();
    }
}
