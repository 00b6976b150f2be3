using System.Text.Json.Nodes;

namespace LoanPlatform.Infrastructure.Tests;

/// <summary>A resource found anywhere in the compiled ARM template, with the nested template that declares it.</summary>
public sealed record TemplateResource(string SymbolicName, JsonObject Resource, JsonObject Template, string DeploymentPath)
{
    public string Type => Resource["type"]?.GetValue<string>() ?? "";

    public JsonObject? Properties => Resource["properties"] as JsonObject;
}

/// <summary>Compiles infra/main.bicep once per test run and walks the result, nested module templates included.</summary>
public sealed class CompiledTemplate
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
                foreach (var inner in Walk(nested, path + "/" + (resource["name"]?.ToString() ?? name)))
                {
                    yield return inner;
                }
            }
        }
    }
}
