using System.Net;
using System.Reflection;
using System.Text.Json;
using Azure.Storage.Blobs;
using LoanPlatform.Testing;
using LoanPlatform.Users.Functions;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.AzureBlob;
using LoanPlatform.Users.Services;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>The blob-created trigger: wired to the keys the adapter writes, and completing through the same method as POST …/complete.</summary>
public sealed class DocumentUploadedFunctionTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public void The_trigger_watches_the_documents_container_at_the_object_keys_the_adapter_writes()
    {
        var method = typeof(DocumentUploadedFunction).GetMethod(nameof(DocumentUploadedFunction.Run))!;
        Assert.Equal("CompleteUploadedDocument", method.GetCustomAttribute<FunctionAttribute>()!.Name);
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<BlobTriggerAttribute>()).Single(a => a is not null)!;

        // The container from the app setting the adapter binds (Documents:AzureBlob:Container), the keys as the adapter writes them.
        Assert.Equal($"%Documents__AzureBlob__Container%/{ObjectKeys.ForDocument("{userId}", "{documentId}")}", trigger.BlobPath);
        Assert.Equal("Documents:AzureBlob", DocumentsOptions.SectionName + ":" + nameof(DocumentsOptions.AzureBlob));
        Assert.NotNull(typeof(AzureBlobDocumentsOptions).GetProperty(nameof(AzureBlobDocumentsOptions.Container)));
        // An identity-based connection: the runtime reads Documents__AzureBlob__ServiceUri, the setting infra/app/app-settings.bicep writes.
        Assert.Equal("Documents:AzureBlob", trigger.Connection);
        var bound = method.GetParameters().Select(p => p.Name).ToArray();
        Assert.Contains("userId", bound);
        Assert.Contains("documentId", bound);
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

    /// <summary>Runs the trigger as the Functions host would for a new blob at the document's key.</summary>
    internal static async Task RunTriggerAsync(UsersHost host, string userId, string documentId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var function = new DocumentUploadedFunction(scope.ServiceProvider.GetRequiredService<UserDocuments>(), NullLogger<DocumentUploadedFunction>.Instance);
        var blob = new BlobClient(new Uri($"http://127.0.0.1:10000/devstoreaccount1/documents/users/{userId}/{documentId}"));
        await function.Run(blob, userId, documentId, CancellationToken.None);
    }
}

internal static class DocumentReads
{
    public static async Task<JsonElement> GetFromJsonAsync(this HttpClient client, string documentId)
    {
        using var response = await client.GetAsync($"/users/me/documents/{documentId}");
        return await response.ReadJsonAsync();
    }
}
