using System.Text.Json;
using Json.Schema;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Loans.Workflows;

/// <summary>
/// Every product's workflow definition, read and schema-checked once at start-up; a broken file stops the service
/// rather than mis-approving loans. Keyed by product and version so in-flight applications keep their version.
/// </summary>
public sealed class WorkflowCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<(string Product, int Version), LoanWorkflowDefinition> _definitions = [];
    private readonly Dictionary<string, LoanWorkflowDefinition> _latest = new(StringComparer.Ordinal);

    public WorkflowCatalog(IOptions<WorkflowOptions> options)
    {
        var folder = options.Value.WorkflowsPath ?? Path.Combine(AppContext.BaseDirectory, "workflows");
        DefaultProduct = options.Value.DefaultProduct;
        var workflowSchema = LoadSchema(folder, "loan-workflow.schema.json");
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Where(f => Path.GetFileName(f) != "interest-caps.json").Order(StringComparer.Ordinal))
        {
            var definition = Read<LoanWorkflowDefinition>(file, workflowSchema);
            ValidateRules(definition, file);
            if (!_definitions.TryAdd((definition.Product, definition.Version), definition))
            {
                throw new InvalidDataException($"{file}: {definition.Product} version {definition.Version} is defined twice.");
            }

            if (!_latest.TryGetValue(definition.Product, out var latest) || latest.Version < definition.Version)
            {
                _latest[definition.Product] = definition;
            }
        }

        if (!_latest.ContainsKey(DefaultProduct))
        {
            throw new InvalidDataException($"No workflow definition for the default product '{DefaultProduct}' in {folder}.");
        }

        InterestCaps = Read<InterestCapTable>(Path.Combine(folder, "interest-caps.json"), LoadSchema(folder, "interest-caps.schema.json"));
    }

    public string DefaultProduct { get; }

    public InterestCapTable InterestCaps { get; }

    public IEnumerable<LoanWorkflowDefinition> Latest => _latest.Values;

    public LoanWorkflowDefinition? FindLatest(string product) => _latest.GetValueOrDefault(product);

    public LoanWorkflowDefinition Get(string product, int version) =>
        _definitions.TryGetValue((product, version), out var definition)
            ? definition
            : throw new InvalidOperationException($"Workflow {product} v{version} is no longer deployed.");

    /// <summary>Checks a definition file against the schema; returns the problems, empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonSchema schema, JsonElement document)
    {
        var result = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                .ToArray();
    }

    /// <summary>Each load gets its own registry: the global one refuses a second schema with the same $id (a second host in one process).</summary>
    public static JsonSchema LoadSchema(string folder, string name) =>
        JsonSchema.FromFile(Path.Combine(folder, "schema", name), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static T Read<T>(string file, JsonSchema schema)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var problems = Validate(schema, document.RootElement);
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{file} does not match its schema: {string.Join("; ", problems)}");
        }

        return document.RootElement.Deserialize<T>(Json) ?? throw new InvalidDataException($"{file} is empty.");
    }

    // Rules a schema cannot express: ranges ordered, the last tier open-ended, tiers ascending.
    private static void ValidateRules(LoanWorkflowDefinition definition, string file)
    {
        if (definition.Amount.Min > definition.Amount.Max || definition.TenorMonths.Min > definition.TenorMonths.Max)
        {
            throw new InvalidDataException($"{file}: a min is above its max.");
        }

        var tiers = definition.Approval.Tiers;
        if (tiers[^1].UpToAmount is not null || tiers.Take(tiers.Count - 1).Any(t => t.UpToAmount is null))
        {
            throw new InvalidDataException($"{file}: only the last approval tier, and it must, have upToAmount null.");
        }

        for (var i = 1; i < tiers.Count - 1; i++)
        {
            if (tiers[i].UpToAmount <= tiers[i - 1].UpToAmount)
            {
                throw new InvalidDataException($"{file}: approval tiers must ascend by amount.");
            }
        }
    }
}
