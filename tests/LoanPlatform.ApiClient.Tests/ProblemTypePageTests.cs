using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Testing;

namespace LoanPlatform.ApiClient.Tests;

/// <summary>
/// Problem type URIs resolve: every type the code can answer with has a page, in Bahasa Indonesia and English, under
/// the gateway's own /problems/; and nothing the platform serves names a domain the deployment does not control.
/// </summary>
[Collection(ApiDocumentsCollection.Name)]
public sealed partial class ProblemTypePageTests(ApiDocumentsFixture documents)
{
    [Fact]
    public async Task Every_catalogued_problem_type_has_a_bilingual_page_through_the_gateway()
    {
        using var client = documents.Running.CreateClient();
        Assert.NotEmpty(ProblemCatalog.All);
        foreach (var type in ProblemCatalog.All)
        {
            using var response = await client.Http.GetAsync(new Uri($"/problems/{type.Code}", UriKind.Relative));
            var page = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/problems/{type.Code} answered {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            foreach (var text in new[] { type.Indonesian, type.English })
            {
                Assert.Contains(WebUtility.HtmlEncode(text.Title), page, StringComparison.Ordinal);
                Assert.Contains(WebUtility.HtmlEncode(text.ToDo), page, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_problem_type_the_code_declares_is_in_the_catalog_once()
    {
        // A ProblemException can only carry a ProblemType, so the types the code can answer with are the ones it declares.
        var declared = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("LoanPlatform.", StringComparison.Ordinal) == true)
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(ProblemType))
            .Select(f => (ProblemType)f.GetValue(null)!)
            .ToArray();

        Assert.NotEmpty(declared);
        Assert.All(declared, type => Assert.Contains(type, ProblemCatalog.All));
        Assert.Equal(ProblemCatalog.All.Count, ProblemCatalog.All.Select(t => t.Code).Distinct().Count());
        Assert.All(ProblemCatalog.All, type => Assert.Matches("^[a-z][a-z0-9-]*$", type.Code));
    }

    [Fact]
    public void The_problem_types_api_management_answers_with_itself_are_catalogued()
    {
        var policies = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "infra", "apim", "policies"), "*.xml")
            .ToDictionary(path => Path.GetFileName(path), File.ReadAllText);
        var global = policies["global.xml"];
        var codes = ApimProblemCode().Matches(global[global.IndexOf("var code =", StringComparison.Ordinal)..].Split(';')[0]).Select(m => m.Groups[1].Value)
            .Concat(policies.Values.SelectMany(policy => ApimLiteralProblemType().Matches(policy).Select(m => m.Groups[1].Value)))
            .ToArray();

        Assert.Contains("{{problem-type-base-uri}}", global, StringComparison.Ordinal);
        Assert.Contains("audit-unavailable", codes);
        Assert.All(codes, code => Assert.NotNull(ProblemCatalog.Find(code)));
        Assert.All(policies, policy => Assert.DoesNotMatch(@"https?://[^""'\s]*/problems/", policy.Value));
    }

    [Fact]
    public async Task Problem_answers_name_their_type_under_the_gateways_own_problems_base()
    {
        using var client = documents.Running.CreateClient();
        using var response = await client.SendAsync(HttpMethod.Get, "/loans/not-a-loan");

        var problem = await PlatformClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal($"{documents.Running.GatewayUrl}/problems/unauthenticated", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_documents_name_no_address_outside_the_gateway_that_served_them()
    {
        foreach (var service in ApiDocumentsFixture.Services)
        {
            var text = await File.ReadAllTextAsync(documents.PathOf(service));
            var foreign = AbsoluteUrl().Matches(text).Select(m => m.Value)
                .Where(url => !url.StartsWith(documents.Running.GatewayUrl + "/", StringComparison.Ordinal))
                .Distinct()
                .ToArray();
            Assert.True(foreign.Length == 0, $"{service}.json names {string.Join(", ", foreign)}");
        }
    }

    [GeneratedRegex("\"([a-z-]+)\"")]
    private static partial Regex ApimProblemCode();

    [GeneratedRegex(@"\{\{problem-type-base-uri\}\}([a-z-]+)")]
    private static partial Regex ApimLiteralProblemType();

    [GeneratedRegex(@"https?://[^\s""'<>)\]]+")]
    private static partial Regex AbsoluteUrl();
}
