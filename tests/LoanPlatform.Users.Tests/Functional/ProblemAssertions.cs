using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Problems;

namespace LoanPlatform.Users.Tests.Functional;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 7807 answer with the given status and problem type code; returns the body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {type} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        // The type's page is served under the origin the request went to.
        Assert.Equal(new Uri(response.RequestMessage!.RequestUri!, ProblemTypes.Uri(type)).ToString(), problem.GetProperty("type").GetString());
        return problem;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
