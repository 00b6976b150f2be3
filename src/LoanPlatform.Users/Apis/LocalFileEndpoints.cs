using LoanPlatform.Users.Objects.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Users.Apis;

/// <summary>
/// The local object store's upload and download endpoints. Anonymous on purpose: like a SAS or presigned URL,
/// the signature in the query is the authorization. Not in the OpenAPI document: clients use the URLs they are handed,
/// which in Azure point at Blob Storage, never at these routes.
/// </summary>
public static class LocalFileEndpoints
{
    public static IEndpointRouteBuilder MapLocalFileEndpoints(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup(LocalDocumentObjectStore.RoutePrefix).AllowAnonymous().ExcludeFromDescription();
        files.MapPut("/{**objectKey}", UploadAsync)
            .WithName("UploadLocalFile").WithSummary("Store an object through a signed upload URL.");
        files.MapGet("/{**objectKey}", DownloadAsync)
            .WithName("DownloadLocalFile").WithSummary("Read an object through a signed download URL.");
        return app;
    }

    public static async Task<Created> UploadAsync(string objectKey, HttpRequest request, LocalDocumentObjectStore store, CancellationToken cancellationToken)
    {
        await store.WriteSignedAsync(objectKey, request.Query, request.ContentType, request.ContentLength, request.Body, cancellationToken);
        return TypedResults.Created();
    }

    public static async Task<FileStreamHttpResult> DownloadAsync(string objectKey, HttpRequest request, LocalDocumentObjectStore store, CancellationToken cancellationToken)
    {
        var stored = await store.ReadSignedAsync(objectKey, request.Query, cancellationToken);
        return TypedResults.Stream(stored.Content, stored.ContentType);
    }
}
