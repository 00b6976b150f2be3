using System.Text;
using LoanPlatform.BuildingBlocks.Http;
using LoanPlatform.BuildingBlocks.Problems;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.BuildingBlocks.Tests.Http;

public sealed class RequestBindingTests
{
    private sealed record Login(string? Email);

    [Fact]
    public async Task A_json_body_is_read_with_web_defaults()
    {
        var login = await Request("{\"email\":\"a@b.id\"}").ReadJsonAsync<Login>(CancellationToken.None);

        Assert.Equal("a@b.id", login.Email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task A_missing_required_body_is_a_400(string body)
    {
        var problem = await Assert.ThrowsAsync<ProblemException>(() => Request(body).ReadJsonAsync<Login>(CancellationToken.None));

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
    }

    [Fact]
    public async Task A_malformed_body_is_the_same_400_minimal_apis_give()
    {
        var problem = await Assert.ThrowsAsync<ProblemException>(() => Request("{\"email\":").ReadJsonAsync<Login>(CancellationToken.None));

        Assert.Equal(PlatformExceptionHandler.ToProblem(new System.Text.Json.JsonException()).Type, PlatformExceptionHandler.ToProblem(problem).Type);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        var problem = await Assert.ThrowsAsync<ProblemException>(() => Request("email=a", "text/plain").ReadJsonAsync<Login>(CancellationToken.None));

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, problem.Status);
    }

    [Fact]
    public async Task An_optional_body_may_be_absent()
    {
        Assert.Null(await Request("", contentType: null).ReadOptionalJsonAsync<Login>(CancellationToken.None));
    }

    [Fact]
    public void A_missing_required_query_value_is_a_400()
    {
        var problem = Assert.Throws<ProblemException>(() => Request("").RequiredQuery("email"));

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
    }

    private static HttpRequest Request(string body, string? contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = contentType;
        return context.Request;
    }
}
