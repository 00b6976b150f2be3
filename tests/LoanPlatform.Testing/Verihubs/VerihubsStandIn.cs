using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.Testing.Verihubs;

/// <summary>
/// Verihubs ID Verification on loopback, following its documented contract (docs.verihubs.com, "ID Verification" →
/// "API Request &amp; Response"): <c>POST /data-verification/id-verification/verify</c> with the <c>App-ID</c> and
/// <c>API-Key</c> of an application (401 otherwise), a body <c>{nik: 16 digits, name: letters, birth_date: DD-MM-YYYY,
/// reference_id: unique}</c> (400 with <c>error_code</c> and <c>error_fields</c> otherwise), and an answer saying per field
/// whether the population registry agrees. Its registry holds the people a test put in; any other NIK is unknown. A test
/// can make it answer a status (403 quota, 429, 5xx) or hold its answer back.
/// </summary>
public sealed partial class VerihubsStandIn : IAsyncDisposable
{
    public const string AppId = "test-app-id";
    public const string ApiKey = "test-api-key";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Name, DateOnly BirthDate)> _registry = new();
    private readonly ConcurrentDictionary<string, byte> _referenceIds = new();
    private readonly ConcurrentQueue<JsonObject> _received = new();
    private readonly ConcurrentQueue<string> _refusals = new();

    private VerihubsStandIn(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as Kyc:Verihubs:BaseUrl.</summary>
    public string Origin { get; private set; } = "";

    /// <summary>When set, every request is answered with this status and an error body, as an outage or exhausted quota would.</summary>
    public int? ForcedStatus { get; set; }

    /// <summary>How long to wait before answering (a slow provider).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public IReadOnlyCollection<JsonObject> Received => _received;

    /// <summary>Why requests were refused as malformed or unauthorized; a correct client leaves this empty.</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    public static async Task<VerihubsStandIn> StartAsync()
    {
        VerihubsStandIn? standIn = null;
        var (_, origin) = await LoopbackApp.StartAsync(app =>
        {
            standIn = new VerihubsStandIn(app);
            app.MapPost("/data-verification/id-verification/verify", standIn.VerifyAsync);
        });
        standIn!.Origin = origin;
        return standIn;
    }

    /// <summary>Puts a person in the registry as Dukcapil would know them.</summary>
    public void Register(string nik, string name, DateOnly birthDate) => _registry[nik] = (name, birthDate);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> VerifyAsync(HttpRequest request)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (request.Headers["App-ID"] != AppId || request.Headers["API-Key"] != ApiKey)
        {
            return Refuse("App-ID or API-Key missing or wrong", 401, new JsonObject { ["message"] = "Unauthorized" });
        }

        if (ForcedStatus is { } status)
        {
            return Results.Json(new JsonObject { ["message"] = status == 403 ? "Quota exceeded" : "Error" }, statusCode: status);
        }

        var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        var nik = body?["nik"]?.GetValue<string>();
        var name = body?["name"]?.GetValue<string>();
        var birth = body?["birth_date"]?.GetValue<string>();
        var referenceId = body?["reference_id"]?.GetValue<string>();
        var invalid = new List<string>();
        if (nik is null || !NikPattern().IsMatch(nik))
        {
            invalid.Add("nik");
        }

        if (name is null || !NamePattern().IsMatch(name))
        {
            invalid.Add("name");
        }

        if (!DateOnly.TryParseExact(birth, "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            invalid.Add("birth_date");
        }

        if (referenceId is not null && !_referenceIds.TryAdd(referenceId, 0))
        {
            invalid.Add("reference_id");
        }

        if (invalid.Count > 0)
        {
            return Refuse($"invalid {string.Join(", ", invalid)}", 400, new JsonObject
            {
                ["message"] = "Invalid request",
                ["error_code"] = "INVALID_REQUEST",
                ["error_fields"] = new JsonArray([.. invalid.Select(field => (JsonNode)field)]),
            });
        }

        _received.Enqueue(body!);
        var known = _registry.TryGetValue(nik!, out var person);
        return Results.Json(new JsonObject
        {
            ["message"] = "ID Check verification has been done",
            ["data"] = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["nik"] = known,
                ["name"] = known && string.Equals(person.Name, name, StringComparison.OrdinalIgnoreCase),
                ["birth_date"] = known && person.BirthDate == birthDate,
                ["reference_id"] = referenceId ?? Guid.NewGuid().ToString(),
            },
        });
    }

    private IResult Refuse(string reason, int status, JsonObject body)
    {
        _refusals.Enqueue(reason);
        return Results.Json(body, statusCode: status);
    }

    [GeneratedRegex("^[0-9]{16}$")]
    private static partial Regex NikPattern();

    [GeneratedRegex(@"^[A-Za-z .,'/-]+$")]
    private static partial Regex NamePattern();
}
