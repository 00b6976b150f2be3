using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LoanPlatform.Infrastructure.Tests;

/// <summary>A resource found anywhere in the compiled ARM template, with the nested template that declares it.</summary>
public sealed record TemplateResource(string SymbolicName, JsonObject Resource, JsonObject Template, string DeploymentPath)
{
    public string Type => Resource["type"]?.GetValue<string>() ?? "";

    public JsonObject? Properties => Resource["properties"] as JsonObject;
}

/// <summary>Compiles infra/main.bicep once per test run and walks the result, nested module templates included.</summary>
public sealed partial class CompiledTemplate
{
    private static readonly Lazy<CompiledTemplate> Shared = new(() => new CompiledTemplate());

    private CompiledTemplate()
    {
        Build = BicepCli.Run("build", BicepCli.InfraPath("main.bicep"), "--stdout");
        Root = JsonNode.Parse(Build.StandardOutput)?.AsObject()
            ?? throw new InvalidOperationException("bicep build printed no template: " + Build.StandardError);
        Resources = [.. Walk(Root, "main")];
    }

    public static CompiledTemplate Instance => Shared.Value;

    public BicepResult Build { get; }

    public JsonObject Root { get; }

    public IReadOnlyList<TemplateResource> Resources { get; }

    public IEnumerable<TemplateResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>Deployments (module calls) in the main template, by deployment name.</summary>
    public TemplateResource Module(string deploymentName) =>
        Resources.Single(r => r.DeploymentPath == "main" && r.Type == "Microsoft.Resources/deployments"
            && r.Resource["name"]?.GetValue<string>() == deploymentName);

    /// <summary>A module deployed in a loop (a copy loop in the main template), by its symbolic name.</summary>
    /// <remarks>Its nested resources' deployment path is main/&lt;symbolic name&gt;.</remarks>
    public TemplateResource ModuleLoop(string symbolicName) =>
        Resources.Single(r => r.DeploymentPath == "main" && r.Type == "Microsoft.Resources/deployments"
            && r.Resource["copy"]?["name"]?.GetValue<string>() == symbolicName);

    /// <summary>The services as main.bicep describes them (its services variable), in the order it deploys them.</summary>
    public IReadOnlyList<JsonObject> Services => [.. Root["variables"]!["services"]!.AsArray().Select(s => s!.AsObject())];

    public JsonObject Service(string name) => Services.Single(s => s["name"]!.GetValue<string>() == name);

    /// <summary>
    /// Which service's deployment an expression of the main template reads an output of: main.bicep names a service module
    /// by its position in the services variable, looked up by name in serviceIndex.
    /// </summary>
    public static string? ReferencedService(string expression) =>
        ServiceReference().Match(expression) is { Success: true } match ? match.Groups["service"].Value : null;

    /// <summary>
    /// The value main.bicep's ownSettings gives a service for one parameter of app-settings.bicep (an expression without
    /// its brackets), or null when that service has none and gets the loop's fallback.
    /// </summary>
    public string? OwnSetting(string service, string parameter)
    {
        // [coalesce(tryGet(createObject('auth', createObject(...), ...)[variables('services')[copyIndex()].name], 'parameter'), fallback)]
        var expression = ModuleLoop("serviceAppSettings").Properties!["parameters"]![parameter]!["value"]!.GetValue<string>();
        var coalesce = ArmExpression.Arguments(expression[1..^1], "coalesce");
        var tryGet = ArmExpression.Arguments(coalesce[0], "tryGet");
        const string byServiceName = "[variables('services')[copyIndex()].name]";
        if (tryGet[1] != $"'{parameter}'" || !tryGet[0].EndsWith(byServiceName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{parameter} is not read from ownSettings by service name: {expression}");
        }

        var byService = ArmExpression.ObjectProperties(tryGet[0][..^byServiceName.Length]);
        return ArmExpression.ObjectProperties(byService[service]).GetValueOrDefault(parameter);
    }

    public static IEnumerable<(string Name, JsonObject Resource)> ResourcesOf(JsonObject template) =>
        template["resources"] switch
        {
            // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
            JsonObject byName => byName.Select(p => (p.Key, p.Value!.AsObject())),
            JsonArray list => list.Select(r => (r!["name"]?.ToString() ?? "", r.AsObject())),
            _ => [],
        };

    private static IEnumerable<TemplateResource> Walk(JsonObject template, string path)
    {
        foreach (var (name, resource) in ResourcesOf(template))
        {
            yield return new TemplateResource(name, resource, template, path);
            if (resource["type"]?.GetValue<string>() == "Microsoft.Resources/deployments"
                && resource["properties"]?["template"] is JsonObject nested)
            {
                var deployment = resource["copy"]?["name"]?.ToString() ?? resource["name"]?.ToString() ?? name;
                foreach (var inner in Walk(nested, path + "/" + deployment))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"format\('service-\{0\}', variables\('services'\)\[variables\('serviceIndex'\)\.(?<service>\w+)\]\.name\)")]
    private static partial Regex ServiceReference();
}
