using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.BuildingBlocks.Http;

/// <summary>
/// Reads request inputs the way minimal API binding does, for hosts that bind by hand (the Function apps): JSON with the
/// platform's JSON options, and every unreadable input a 4xx problem, never a 500.
/// </summary>
public static class RequestBinding
{
    /// <summary>A required JSON body; an empty, "null" or malformed one is a 400.</summary>
    public static async Task<T> ReadJsonAsync<T>(this HttpRequest request, CancellationToken cancellationToken)
        where T : class =>
        await request.ReadOptionalJsonAsync<T>(cancellationToken)
            ?? throw CommonProblems.MissingBody.Exception();

    /// <summary>An optional JSON body: null when the request has none, a 400 when it has a malformed one.</summary>
    public static async Task<T?> ReadOptionalJsonAsync<T>(this HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && string.IsNullOrEmpty(request.ContentType)))
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw CommonProblems.UnsupportedMediaType.Exception();
        }

        try
        {
            // Without arguments it uses the JsonOptions the service defaults configure, like minimal APIs.
            return await request.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            throw ProblemException.MalformedJson();
        }
    }

    /// <summary>A required query string value; a missing or empty one is a 400 naming the parameter.</summary>
    public static string RequiredQuery(this HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value
            ? value
            : throw CommonProblems.MissingParameter.Exception($"The query parameter '{name}' is required.");
}
