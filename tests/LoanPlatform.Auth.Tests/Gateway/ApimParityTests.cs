using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoanPlatform.Gateway;

namespace LoanPlatform.Auth.Tests.Gateway;

/// <summary>
/// API Management (infra/apim/operations.json) and the local gateway (GatewayRoutes) describe one public API: the same
/// operations need no token, the same ones are in the login rate-limit class, and every APIM operation the code serves
/// is reachable through the local route table.
/// </summary>
public sealed partial class ApimParityTests
{
    private sealed record ApimOperation(string Method, string Path, string? Policy);

    [Fact]
    public void Anonymous_operations_and_rate_limit_classes_agree()
    {
        foreach (var operation in ApimOperations().Where(o => o.Policy != "health"))
        {
            if (Match(operation) is not { } route)
            {
                continue;
            }

            var apimAnonymous = operation.Policy is not null;
            Assert.True(apimAnonymous == (route.Access == GatewayAccess.Anonymous),
                $"{operation.Method} {operation.Path}: APIM {(apimAnonymous ? "anonymous" : "token")}, gateway route {route.RouteId} {route.Access}");
            var apimClass = operation.Policy switch
            {
                "login" => RateLimitPolicies.Login,
                "anonymous" => RateLimitPolicies.PerIp,
                _ => RateLimitPolicies.PerUser,
            };
            Assert.True(apimClass == route.RateLimitPolicy, $"{operation.Method} {operation.Path}: APIM class {apimClass}, gateway route {route.RouteId} {route.RateLimitPolicy}");
        }
    }

    [Fact]
    public void Every_apim_operation_the_code_serves_is_reachable_through_the_local_gateway()
    {
        // Health operations are rewritten by APIM to each app's root; the local gateway answers its own health instead.
        var served = ApimOperations().Where(o => o.Policy != "health").ToList();
        Assert.NotEmpty(served);
        foreach (var operation in served)
        {
            Assert.True(Match(operation) is not null, $"{operation.Method} {operation.Path} is an APIM operation but no local gateway route serves it");
        }
    }

    /// <summary>The route YARP would choose: the most specific (fewest catch-all segments, then longest) matching route.</summary>
    private static GatewayRoute? Match(ApimOperation operation) => GatewayRoutes.All
        .Where(route => route.Methods is null || route.Methods.Contains(operation.Method))
        .Where(route => RouteRegex(route.Path).IsMatch(operation.Path))
        .OrderBy(route => route.Path.Contains("{**", StringComparison.Ordinal))
        .ThenByDescending(route => route.Path.Length)
        .FirstOrDefault();

    private static Regex RouteRegex(string path) =>
        new("^" + Parameter().Replace(CatchAll().Replace(Regex.Escape(path), ".*"), "[^/]+") + "$");

    private static IEnumerable<ApimOperation> ApimOperations()
    {
        var file = JsonNode.Parse(File.ReadAllText(RepositoryFile("infra", "apim", "operations.json")))!.AsObject();
        foreach (var (api, operations) in file.Where(p => !p.Key.StartsWith('$')))
        {
            foreach (var operation in operations!.AsArray())
            {
                var template = operation!["urlTemplate"]!.GetValue<string>();
                // Parameters become sample segments so the gateway's route patterns can be matched against them.
                var path = "/" + api + (template == "/" ? "" : SampleParameter().Replace(template, "sample"));
                yield return new ApimOperation(operation["method"]!.GetValue<string>(), path, operation["policy"]?.GetValue<string>());
            }
        }
    }

    [Fact]
    public void Browsers_get_the_same_cors_rules_from_both()
    {
        var global = File.ReadAllText(RepositoryFile("infra", "apim", "policies", "global.xml"));

        Assert.Equal(CorsList(global, "allowed-methods", "method"), GatewayCors.Methods);
        Assert.Equal(CorsList(global, "allowed-headers", "header"), GatewayCors.RequestHeaders);
        Assert.Equal(CorsList(global, "expose-headers", "header"), GatewayCors.ExposedHeaders);
        Assert.Contains($"preflight-result-max-age=\"{(int)GatewayCors.PreflightMaxAge.TotalSeconds}\"", global, StringComparison.Ordinal);
        Assert.Contains("allow-credentials=\"false\"", global, StringComparison.Ordinal);

        // A browser may call every method a public operation uses (PUT for the notification preferences, say).
        Assert.All(ApimOperations(), operation => Assert.Contains(operation.Method, GatewayCors.Methods));
    }

    // Policy expressions make the policy something other than plain XML, so its lists are read as text.
    private static List<string> CorsList(string policy, string list, string item)
    {
        var start = policy.IndexOf($"<{list}", StringComparison.Ordinal);
        var body = policy[start..policy.IndexOf($"</{list}>", start, StringComparison.Ordinal)];
        return Regex.Matches(body, $"<{item}>([^<]+)</{item}>").Select(match => match.Groups[1].Value).ToList();
    }

    private static string RepositoryFile(params string[] parts)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LoanPlatform.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine([folder?.FullName ?? throw new InvalidOperationException("LoanPlatform.sln not found above the test output."), .. parts]);
    }

    [GeneratedRegex(@"\\\{\\\*\\\*[^}]+\}")]
    private static partial Regex CatchAll();

    [GeneratedRegex(@"\\\{[^}]+\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex SampleParameter();
}
