using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.Testing.Verihubs;

/// <summary>
/// Verihubs on loopback, following its documented contracts, both with the <c>App-ID</c> and <c>API-Key</c> of an
/// application (401 otherwise):
/// <list type="bullet">
/// <item>ID Verification (docs.verihubs.com/docs/id-verification-request-response): <c>POST
/// /data-verification/id-verification/verify</c> with <c>{nik: 16 digits, name: letters, birth_date: DD-MM-YYYY,
/// reference_id: unique}</c> (400 with <c>error_code</c> and <c>error_fields</c> otherwise), answering per field whether
/// the population registry agrees. Its registry holds the people a test put in; any other NIK is unknown.</item>
/// <item>Face Compare (docs.verihubs.com/docs/compare): <c>POST /v1/face/compare</c> with <c>image_1</c> and
/// <c>image_2</c> as base64 of at most 5 MB (400 <c>MISSING_PAYLOAD_IMAGE_n</c>, <c>INVALID_PAYLOAD_IMAGE_n_MISSING</c>,
/// <c>INVALID_PAYLOAD_IMAGE_n_SIZE</c> otherwise) and a <c>validate_*</c> flag only with its <c>is_*</c>, answering the
/// similarity a test set in <see cref="FaceSimilarity"/>, or 400 <c>FACE_NOT_DETECTED</c> when it set none.</item>
/// </list>
/// A test can make it answer a status (403 quota, 429, 5xx) or hold its answer back.
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
    private readonly ConcurrentQueue<(byte[] Image1, byte[] Image2)> _faceComparisons = new();

    private VerihubsStandIn(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as Kyc:Verihubs:BaseUrl.</summary>
    public string Origin { get; private set; } = "";

    /// <summary>When set, every request is answered with this status and an error body, as an outage or exhausted quota would.</summary>
    public int? ForcedStatus { get; set; }

    /// <summary>When set, Face Compare alone answers with this status (the registry check still answers).</summary>
    public int? ForcedFaceCompareStatus { get; set; }

    /// <summary>How long to wait before answering (a slow provider).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>The face similarity (0–100) Face Compare answers; null: it finds no face.</summary>
    public double? FaceSimilarity { get; set; }

    /// <summary>The threshold Face Compare judges <c>similarity_status</c> by (its documented default).</summary>
    public double FaceThreshold { get; set; } = 82;

    /// <summary>ID Verification requests accepted.</summary>
    public IReadOnlyCollection<JsonObject> Received => _received;

    /// <summary>Face Compare requests accepted, as the decoded images.</summary>
    public IReadOnlyCollection<(byte[] Image1, byte[] Image2)> FaceComparisons => _faceComparisons;

    /// <summary>Why requests were refused as malformed or unauthorized; a correct client leaves this empty.</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    public static async Task<VerihubsStandIn> StartAsync()
    {
        VerihubsStandIn? standIn = null;
        var (_, origin) = await LoopbackApp.StartAsync(app =>
        {
            standIn = new VerihubsStandIn(app);
            app.MapPost("/data-verification/id-verification/verify", standIn.VerifyAsync);
            app.MapPost("/v1/face/compare", standIn.CompareFacesAsync);
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
        if (await RefuseOrFailAsync(request) is { } refused)
        {
            return refused;
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

    private async Task<IResult> CompareFacesAsync(HttpRequest request)
    {
        if (await RefuseOrFailAsync(request) is { } refused)
        {
            return refused;
        }

        if (ForcedFaceCompareStatus is { } status)
        {
            return Results.Json(new JsonObject { ["message"] = "Error" }, statusCode: status);
        }

        var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        var images = new byte[2][];
        for (var n = 1; n <= 2; n++)
        {
            if (body?[$"image_{n}"]?.GetValue<string>() is not { } encoded)
            {
                return Refuse($"image_{n} missing", 400, Error($"MISSING_PAYLOAD_IMAGE_{n}"));
            }

            var decoded = new byte[encoded.Length];
            if (encoded.Length == 0 || !Convert.TryFromBase64String(encoded, decoded, out var length))
            {
                return Refuse($"image_{n} not base64", 400, Error($"INVALID_PAYLOAD_IMAGE_{n}_MISSING"));
            }

            if (length > 5 * 1024 * 1024)
            {
                return Refuse($"image_{n} over 5 MB", 400, Error($"INVALID_PAYLOAD_IMAGE_{n}_SIZE"));
            }

            images[n - 1] = decoded[..length];
        }

        foreach (var check in new[] { "quality", "attribute", "liveness" })
        {
            if (body![$"validate_{check}"]?.GetValue<bool>() == true && body[$"is_{check}"]?.GetValue<bool>() == false)
            {
                return Refuse($"validate_{check} without is_{check}", 400, Error($"INVALID_PAYLOAD_{check.ToUpperInvariant()}_VALIDATION_DEPENDENCY"));
            }
        }

        _faceComparisons.Enqueue((images[0], images[1]));
        if (FaceSimilarity is not { } similarity)
        {
            return Results.Json(Error("FACE_NOT_DETECTED", "Face not detected"), statusCode: 400);
        }

        return Results.Json(new JsonObject
        {
            ["message"] = "Success",
            ["data"] = new JsonObject { ["similarity_status"] = similarity >= FaceThreshold, ["similarity"] = similarity },
            ["reference_id"] = Guid.NewGuid().ToString(),
        });
    }

    /// <summary>What every endpoint does first: the configured delay, the credentials, a forced failure.</summary>
    private async Task<IResult?> RefuseOrFailAsync(HttpRequest request)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (request.Headers["App-ID"] != AppId || request.Headers["API-Key"] != ApiKey)
        {
            return Refuse("App-ID or API-Key missing or wrong", 401, new JsonObject { ["message"] = "Unauthorized" });
        }

        return ForcedStatus is { } status
            ? Results.Json(new JsonObject { ["message"] = status == 403 ? "Quota exceeded" : "Error" }, statusCode: status)
            : null;
    }

    private static JsonObject Error(string code, string message = "Invalid payload") => new() { ["message"] = message, ["error_code"] = code };

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
