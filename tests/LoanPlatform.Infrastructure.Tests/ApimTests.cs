using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LoanPlatform.Infrastructure.Tests;

public partial class ApimTests
{
    private static readonly string[] ApiNames = ["auth", "users", "loans", "audit", "problems"];

    private static JsonObject OperationsFile =>
        JsonNode.Parse(File.ReadAllText(BicepCli.InfraPath("apim", "operations.json")))!.AsObject();

    private static IEnumerable<(string Api, JsonObject Operation)> Operations() =>
        ApiNames.SelectMany(api => OperationsFile[api]!.AsArray().Select(op => (api, op!.AsObject())));

    private static string PublicRoute(string api, JsonObject op)
    {
        var template = op["urlTemplate"]!.GetValue<string>();
        return "/" + api + (template == "/" ? "" : template);
    }

    /// <summary>The public API of docs/api.md, plus each service's health endpoints.</summary>
    public static TheoryData<string, string> DesignRoutes() => new()
    {
        { "POST", "/auth/login" }, { "POST", "/auth/refresh" }, { "POST", "/auth/logout" }, { "POST", "/auth/password" }, { "POST", "/auth/unlock" },
        { "GET", "/auth/.well-known/openid-configuration" }, { "GET", "/auth/.well-known/jwks.json" },
        { "POST", "/users" }, { "POST", "/users/verify" }, { "GET", "/users/me" }, { "PATCH", "/users/me" }, { "GET", "/users/me/export" },
        { "DELETE", "/users/me" }, { "POST", "/users/me/documents" }, { "POST", "/users/me/documents/{documentId}/complete" },
        { "GET", "/users/me/documents" }, { "GET", "/users/me/documents/{documentId}" },
        { "GET", "/users/me/notification-preferences" }, { "PUT", "/users/me/notification-preferences" },
        { "POST", "/users/me/devices" }, { "GET", "/users/me/devices" }, { "GET", "/users/me/devices/push-config" },
        { "DELETE", "/users/me/devices/{deviceId}" },
        { "POST", "/loans" }, { "GET", "/loans" }, { "GET", "/loans/{loanId}" }, { "GET", "/loans/{loanId}/history" },
        { "GET", "/loans/{loanId}/schedule" }, { "POST", "/loans/{loanId}/decisions" }, { "POST", "/loans/{loanId}/cancel" },
        { "POST", "/loans/{loanId}/information" },
        { "GET", "/audit" }, { "GET", "/audit/verify" },
        { "GET", "/problems/{code}" },
        { "GET", "/auth/health/live" }, { "GET", "/auth/health/ready" },
        { "GET", "/users/health/live" }, { "GET", "/users/health/ready" },
        { "GET", "/loans/health/live" }, { "GET", "/loans/health/ready" },
    };

    [Theory]
    [MemberData(nameof(DesignRoutes))]
    public void Every_design_route_is_an_apim_operation(string method, string route)
    {
        Assert.Contains(Operations(), o => o.Operation["method"]!.GetValue<string>() == method && PublicRoute(o.Api, o.Operation) == route);
    }

    [Fact]
    public void Operations_file_is_well_formed_and_exposes_nothing_internal()
    {
        var ids = new HashSet<string>();
        var file = OperationsFile;
        Assert.Equal(ApiNames.Order(), file.Select(p => p.Key).Where(k => !k.StartsWith('$')).Order());

        foreach (var (api, op) in Operations())
        {
            var id = op["operationId"]!.GetValue<string>();
            Assert.True(ids.Add(id), $"duplicate operationId {id}");
            Assert.Matches("^[a-z][a-z0-9-]{0,79}$", id);
            Assert.Contains(op["method"]!.GetValue<string>(), new[] { "GET", "POST", "PUT", "PATCH", "DELETE" });
            var template = op["urlTemplate"]!.GetValue<string>();
            Assert.StartsWith("/", template);
            Assert.DoesNotContain("internal", template, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("?", template);
            if (op["policy"] is { } policy)
            {
                Assert.Contains(policy.GetValue<string>(), new[] { "anonymous", "login", "health" });
            }
        }

        var unique = Operations().Select(o => o.Operation["method"] + " " + PublicRoute(o.Api, o.Operation)).ToList();
        Assert.Equal(unique.Count, unique.Distinct().Count());
    }

    [Fact]
    public void Only_the_intended_operations_skip_token_validation()
    {
        var anonymous = Operations().Where(o => o.Operation["policy"] is not null)
            .Select(o => o.Operation["method"] + " " + PublicRoute(o.Api, o.Operation))
            .Order()
            .ToList();

        string[] expected =
        [
            "GET /auth/.well-known/jwks.json", "GET /auth/.well-known/openid-configuration",
            "GET /auth/health/live", "GET /auth/health/ready",
            "GET /loans/health/live", "GET /loans/health/ready",
            "GET /users/health/live", "GET /users/health/ready",
            "GET /problems/{code}",
            "POST /auth/login", "POST /auth/logout", "POST /auth/refresh", "POST /auth/unlock", "POST /users", "POST /users/verify",
        ];
        Assert.Equal(expected.Order(), anonymous);
    }

    [Fact]
    public void Compiled_template_builds_every_operation_from_the_operations_file()
    {
        var compiled = CompiledTemplate.Instance;

        // loadJsonContent inlines the file: the template carries exactly its content.
        var variables = compiled.Root["variables"]!;
        var publicOperations = variables["publicOperations"]!;
        if (publicOperations is JsonValue reference && VariableReference().Match(reference.ToString()) is { Success: true } match)
        {
            publicOperations = variables[match.Groups[1].Value]!;
        }

        Assert.True(JsonNode.DeepEquals(OperationsFile, publicOperations),
            "the compiled publicOperations variable differs from infra/apim/operations.json");

        // One API module per API name, fed that API's operations.
        var apiModule = compiled.Resources.Single(r => r.DeploymentPath == "main" && (r.Resource["name"]?.ToString() ?? "").Contains("apim-api-", StringComparison.Ordinal));
        var apiNameExpression = apiModule.Properties!["parameters"]!["apiName"]!["value"]!.GetValue<string>();
        var loopNames = QuotedNames().Matches(apiNameExpression).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ApiNames, loopNames);
        var inner = apiNameExpression[1..^1];
        Assert.Equal($"[variables('publicOperations')[{inner}]]", apiModule.Properties["parameters"]!["operations"]!["value"]!.GetValue<string>());

        // Inside the module: the API path is the API name, and each operation copies method and urlTemplate.
        var api = compiled.OfType("Microsoft.ApiManagement/service/apis").Single();
        Assert.Equal("[parameters('apiName')]", api.Properties!["path"]!.ToString());
        Assert.Equal("https", api.Properties["protocols"]![0]!.ToString());
        var operations = compiled.OfType("Microsoft.ApiManagement/service/apis/operations").Single();
        Assert.Equal("[length(parameters('operations'))]", operations.Resource["copy"]!["count"]!.ToString());
        Assert.Equal("[parameters('operations')[copyIndex()].method]", operations.Properties!["method"]!.ToString());
        Assert.Equal("[parameters('operations')[copyIndex()].urlTemplate]", operations.Properties["urlTemplate"]!.ToString());
    }

    [Fact]
    public void No_internal_endpoint_appears_anywhere_in_the_template()
    {
        // API Management hands audit records to a Storage queue, never to an app's internal endpoint.
        Assert.Empty(InternalReference().Matches(CompiledTemplate.Instance.Build.StandardOutput));
        var queueUrl = GatewayPolicyParameter("auditQueueUrl");
        Assert.Contains("'audit')", queueUrl, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.auditQueueUrl.value]", queueUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_request_and_every_error_is_reported_to_the_audit_trail_without_the_callers_token()
    {
        var global = Policy("global.xml");
        const string include = "<include-fragment fragment-id=\"audit-request\" />";
        var outbound = Section(global, "outbound");
        var onError = Section(global, "on-error");
        Assert.Contains(include, outbound);
        Assert.Contains(include, onError);
        // On error it runs once the caller's status is known and before the response ends the pipeline.
        Assert.True(onError.IndexOf("name=\"problemStatus\"", StringComparison.Ordinal) < onError.IndexOf(include, StringComparison.Ordinal));
        Assert.True(onError.IndexOf(include, StringComparison.Ordinal) < onError.IndexOf("<return-response>", StringComparison.Ordinal));

        // An early answer in inbound (Front Door lock, forged identity headers) skips outbound: each reports itself first,
        // with the status it answers.
        var inbound = Section(global, "inbound");
        foreach (var early in System.Text.RegularExpressions.Regex.Matches(inbound, "<when [^>]*>(?<branch>(?:(?!</when>).)*<return-response>(?:(?!</when>).)*)</when>", System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Groups["branch"].Value))
        {
            var reported = early.IndexOf(include, StringComparison.Ordinal);
            Assert.True(reported >= 0 && reported < early.IndexOf("<return-response>", StringComparison.Ordinal), $"an inbound early response is not audited: {early.Trim()}");
            var status = System.Text.RegularExpressions.Regex.Match(early, "<set-status code=\"(\\d+)\"").Groups[1].Value;
            Assert.Contains($"<set-variable name=\"problemStatus\" value=\"@({status})\" />", early, StringComparison.Ordinal);
        }

        var fragment = Policy("fragment-audit-request.xml");
        var send = Section(fragment, "send-request");
        Assert.Contains("<send-request mode=\"new\" response-variable-name=\"auditHandoff\"", fragment);
        Assert.DoesNotContain("send-one-way-request", fragment, StringComparison.Ordinal);
        // Storage's "Put Message": POST {queue}/messages, a QueueMessage body, with API Management's own identity for Storage.
        Assert.Contains("<set-url>{{audit-queue-url}}/messages</set-url>", send);
        Assert.Contains("<set-method>POST</set-method>", send);
        Assert.Contains("<authentication-managed-identity resource=\"https://storage.azure.com/\" />", send);
        var message = fragment[fragment.IndexOf("<set-variable name=\"auditMessage\"", StringComparison.Ordinal)..fragment.IndexOf("<retry", StringComparison.Ordinal)];
        Assert.Contains("\"<QueueMessage><MessageText>\" + Convert.ToBase64String(Encoding.UTF8.GetBytes(record)) + \"</MessageText></QueueMessage>\"", message, StringComparison.Ordinal);
        foreach (var field in new[] { "id", "time", "subject", "roles", "method", "path", "statusCode", "correlationId", "clientIp", "userAgent" })
        {
            Assert.Contains($"new JProperty(\"{field}\"", message);
        }

        // Waited for and retried; the answer is held back (503) rather than sent without its record.
        var retry = Section(fragment, "retry");
        Assert.Contains("StatusCode != 201", retry, StringComparison.Ordinal);
        Assert.Contains("count=\"3\"", retry, StringComparison.Ordinal);
        var failed = Section(fragment, "choose");
        Assert.Contains("StatusCode != 201", failed, StringComparison.Ordinal);
        Assert.Contains("<set-status code=\"503\"", failed, StringComparison.Ordinal);

        // The subject comes from the validated token; neither the token nor the Authorization header is ever sent.
        Assert.Contains("jwt.Subject", message);
        Assert.DoesNotContain("Authorization", fragment, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Bearer", fragment, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AsJwt", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("Request.Body", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("Url.Query", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("<set-header name=\"Authorization\"", send, StringComparison.OrdinalIgnoreCase);

        // Deployed as a fragment before the global policy that includes it.
        var fragmentResource = CompiledTemplate.Instance.OfType("Microsoft.ApiManagement/service/policyFragments").Single();
        Assert.Contains("audit-request", fragmentResource.Resource["name"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("rawxml", fragmentResource.Properties!["format"]!.ToString());
        var fragmentValue = fragmentResource.Properties["value"]!.ToString();
        if (VariableReference().Match(fragmentValue) is { Success: true } loaded)
        {
            // loadTextContent becomes a template variable holding the file's text.
            fragmentValue = fragmentResource.Template["variables"]![loaded.Groups[1].Value]!.ToString();
        }

        Assert.Equal(fragment, fragmentValue);
        var globalPolicy = CompiledTemplate.Instance.OfType("Microsoft.ApiManagement/service/policies").Single();
        Assert.Contains("auditRequestFragment", globalPolicy.Resource["dependsOn"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static string GatewayPolicyParameter(string name) =>
        CompiledTemplate.Instance.Module("apim-gateway-policy").Properties!["parameters"]![name]!["value"]!.GetValue<string>();

    private static string Section(string xml, string element)
    {
        var start = xml.IndexOf($"<{element}", StringComparison.Ordinal);
        var end = xml.IndexOf($"</{element}>", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"no <{element}> section");
        return xml[start..end];
    }

    [Fact]
    public void Every_http_route_in_the_function_apps_is_public_or_internal()
    {
        // The Functions' HTTP triggers (when the projects exist): every non-internal route must be an APIM operation,
        // and no internal route may be one. Routes are relative to an empty routePrefix (host.json).
        var routes = FunctionRoutes().ToList();
        var published = Operations().Select(o => o.Operation["method"]!.GetValue<string>() + " " + PublicRoute(o.Api, o.Operation)).ToHashSet();

        foreach (var (method, route, file) in routes)
        {
            var key = method + " " + route;
            if (route.StartsWith("/health/", StringComparison.Ordinal))
            {
                // Each app's probes are published per API (/auth/health/live, …) and rewritten to the app's root.
                Assert.Contains(published, operation => operation.StartsWith(method + " /", StringComparison.Ordinal) && operation.EndsWith(route, StringComparison.Ordinal));
            }
            else if (route.Contains("/internal/", StringComparison.OrdinalIgnoreCase))
            {
                Assert.DoesNotContain(key, published);
            }
            else
            {
                Assert.True(published.Contains(key), $"{key} ({file}) is an HTTP trigger but not an APIM operation in infra/apim/operations.json");
            }
        }
    }

    [Fact]
    public void Policies_validate_tokens_limit_rates_and_hide_internals()
    {
        var global = Policy("global.xml");
        var api = Policy("api.xml");

        Assert.Contains("<validate-jwt", api);
        Assert.Contains("<openid-config url=\"{{auth-openid-config-url}}\"", api);
        Assert.Contains("<validate-azure-ad-token", api);
        Assert.Contains("<rate-limit-by-key", api);
        Assert.Contains("((Jwt)context.Variables[\"jwt\"]).Subject", api);
        Assert.Contains("<set-backend-service backend-id=\"__BACKEND_ID__\"", api);

        Assert.Contains("<cors", global);
        Assert.Contains("X-Correlation-Id", global);
        Assert.Contains("<set-header name=\"X-Forwarded-User\" exists-action=\"delete\" />", global);
        Assert.Contains("X-User-", global);
        Assert.Contains("<on-error>", global);
        Assert.DoesNotContain("context.LastError.Message", global);
        Assert.DoesNotContain("X-Forwarded-For", global.Replace("Never X-Forwarded-For", "", StringComparison.Ordinal));

        Assert.Contains("rate-limit-by-key", Policy("operation-login.xml"));
        foreach (var file in new[] { "operation-anonymous.xml", "operation-login.xml", "operation-health.xml" })
        {
            var policy = Policy(file);
            Assert.True(policy.IndexOf("name=\"anonymous\"", StringComparison.Ordinal) < policy.IndexOf("<base />", StringComparison.Ordinal),
                $"{file} must mark the request anonymous before <base />");
        }
    }

    [Fact]
    public void Every_named_value_and_placeholder_in_the_policies_is_provided()
    {
        var compiledText = CompiledTemplate.Instance.Build.StandardOutput;
        var namedValues = CompiledTemplate.Instance.Resources
            .Single(r => r.Type == "Microsoft.ApiManagement/service/namedValues")
            .Template["variables"]!["namedValues"]!.AsObject()
            .Select(p => p.Key)
            .ToHashSet();

        foreach (var file in Directory.EnumerateFiles(BicepCli.InfraPath("apim", "policies"), "*.xml"))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in NamedValueReference().Matches(text))
            {
                Assert.True(namedValues.Contains(match.Groups[1].Value), $"{Path.GetFileName(file)} uses {{{{{match.Groups[1].Value}}}}} which no named value defines");
            }

            foreach (Match match in Placeholder().Matches(text))
            {
                Assert.True(compiledText.Contains($"'{match.Value}'", StringComparison.Ordinal), $"{Path.GetFileName(file)} placeholder {match.Value} is never replaced");
            }
        }
    }

    private static string Policy(string file) => File.ReadAllText(BicepCli.InfraPath("apim", "policies", file));

    private static IEnumerable<(string Method, string Route, string File)> FunctionRoutes()
    {
        var src = Path.Combine(BicepCli.RepositoryRoot, "src");
        if (!Directory.Exists(src))
        {
            yield break;
        }

        foreach (var project in Directory.EnumerateDirectories(src, "LoanPlatform.*.Functions"))
        {
            foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (Match trigger in HttpTrigger().Matches(File.ReadAllText(file)))
                {
                    var route = trigger.Groups["route"].Value;
                    if (route.Length == 0)
                    {
                        continue;
                    }

                    var normalized = "/" + RouteConstraint().Replace(route.Trim('/'), "{$1}");
                    foreach (Match method in QuotedNames().Matches(trigger.Groups["methods"].Value.Replace('"', '\'')))
                    {
                        yield return (method.Groups[1].Value.ToUpperInvariant(), normalized, Path.GetRelativePath(BicepCli.RepositoryRoot, file));
                    }
                }
            }
        }
    }

    [GeneratedRegex("/internal", RegexOptions.IgnoreCase)]
    private static partial Regex InternalReference();

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"'([^']+)'")]
    private static partial Regex QuotedNames();

    [GeneratedRegex(@"\{\{([A-Za-z0-9._-]+)\}\}")]
    private static partial Regex NamedValueReference();

    [GeneratedRegex(@"__[A-Z_]+__")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"HttpTrigger\s*\((?<methods>[^)]*?)Route\s*=\s*""(?<route>[^""]*)""", RegexOptions.Singleline)]
    private static partial Regex HttpTrigger();

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteConstraint();
}
