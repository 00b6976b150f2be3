using System.Net;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.BuildingBlocks.Tests.Security;

/// <summary>Fail closed: an endpoint that says nothing about access is not anonymous.</summary>
public sealed class FallbackPolicyTests
{
    [Fact]
    public async Task An_endpoint_without_authorization_metadata_requires_an_authenticated_caller()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Jwt:Issuer"] = "http://127.0.0.1:1/auth";
        builder.Configuration["Jwt:MetadataAddress"] = "http://127.0.0.1:1/auth/.well-known/openid-configuration";
        builder.Configuration["ServiceIdentity:KeyFolder"] = Path.Combine(Path.GetTempPath(), "fallback-" + Guid.NewGuid().ToString("N"));
        builder.AddServiceDefaults("test");
        builder.AddPlatformAuthentication();
        await using var app = builder.Build();
        app.UsePlatformDefaults();
        app.MapGet("/unmarked", () => "reached");
        app.MapGet("/marked-anonymous", () => "reached").AllowAnonymous();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var unmarked = await http.GetAsync("/unmarked");
        using var anonymous = await http.GetAsync("/marked-anonymous");

        Assert.Equal(HttpStatusCode.Unauthorized, unmarked.StatusCode);
        Assert.Equal("application/problem+json", unmarked.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        // And no answer names the server software.
        Assert.False(unmarked.Headers.Contains("Server"));
        Assert.Equal("nosniff", Assert.Single(anonymous.Headers.GetValues("X-Content-Type-Options")));
    }
}
