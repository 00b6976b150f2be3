using System.Net;
using System.Text.Json.Nodes;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Gateway;
using LoanPlatform.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>
/// How a service's committed changes reach the trail in Azure: the ingest client with its service identity, posting to
/// the Loans service's <c>POST /internal/audit/changes</c>; one record per source event however often it is sent.
/// </summary>
public sealed class AuditChangeIngestTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string IngestPath = "/internal/audit/changes";

    [Fact]
    public async Task A_change_sent_twice_by_the_ingest_client_is_one_record_and_the_chain_verifies()
    {
        await using var services = IngestClientServices("users");
        var sink = services.GetRequiredService<IAuditChangeSink>();
        var subject = "user-" + Guid.NewGuid().ToString("N");
        var change = new AuditedChange(DateTimeOffset.UtcNow, subject, "Customer", "ProfileUpdated", $"/users/{subject}", Guid.NewGuid().ToString("N"), "corr-" + subject);

        await sink.RecordAsync(change, CancellationToken.None);
        await sink.RecordAsync(change, CancellationToken.None);

        using var client = fixture.Running.CreateClient();
        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        var record = Assert.Single((await client.SendOkAsync(HttpMethod.Get, $"/audit?subject={subject}", null, auditor))["items"]!.AsArray());
        Assert.Equal(subject, Text(record, "actor"));
        Assert.Equal("Customer", Text(record, "role"));
        Assert.Equal("ProfileUpdated", Text(record, "action"));
        Assert.Equal($"/users/{subject}", Text(record, "resource"));
        Assert.Equal("success", Text(record, "outcome"));
        Assert.Equal("corr-" + subject, Text(record, "correlationId"));
        Assert.Null(record!["statusCode"]);
        Assert.True((await client.SendOkAsync(HttpMethod.Get, "/audit/verify", null, auditor))["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_every_field_and_people_are_refused()
    {
        using var loans = await fixture.Running.CreateServiceClientAsync(GatewayRoutes.Loans, "users");
        using (var invalid = await loans.SendAsync(HttpMethod.Post, IngestPath, new { actor = "", action = new string('a', 101), resource = "users/1", correlationId = "two words" }))
        {
            var problem = await PlatformClient.ReadProblemAsync(invalid, HttpStatusCode.BadRequest);
            Assert.Equal(
                new[] { "action", "actor", "correlationId", "resource", "sourceEventId", "time" },
                problem["errors"]!.AsObject().Select(e => e.Key).Order());
        }

        using (var malformed = new HttpRequestMessage(HttpMethod.Post, IngestPath) { Content = new StringContent("[", System.Text.Encoding.UTF8, "application/json") })
        using (var response = await loans.Http.SendAsync(malformed))
        {
            await PlatformClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        }

        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterAsync();
        using var direct = new PlatformClient(new HttpClient { BaseAddress = new Uri(fixture.Running.Platform.ServiceUrls[GatewayRoutes.Loans]) });
        using (var person = await direct.SendAsync(HttpMethod.Post, IngestPath, new { }, customer.Token))
        {
            Assert.Contains(person.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        }

        using (var throughGateway = await client.SendAsync(HttpMethod.Post, IngestPath, new { }, customer.Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, throughGateway.StatusCode);
        }
    }

    /// <summary>The wiring a service's Function app gets in Azure, pointed at the local Loans service and the local service key.</summary>
    private ServiceProvider IngestClientServices(string serviceName)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AuditIngestClient.BaseAddressKey] = fixture.Running.Platform.ServiceUrls[GatewayRoutes.Loans],
            ["ServiceIdentity:Mode"] = "Local",
            ["ServiceIdentity:KeyFolder"] = fixture.Running.ServiceKeyFolder,
            ["ServiceIdentity:ServiceName"] = serviceName,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddAuthentication().AddServiceIdentityBearer(configuration);
        services.AddChangeAudit(configuration, "/users");
        return services.BuildServiceProvider();
    }

    private static string? Text(JsonNode? record, string field) => record?[field]?.GetValue<string>();
}
