using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Testing.Fcm;

/// <summary>
/// Google's OAuth2 token endpoint and the FCM HTTP v1 send endpoint on loopback, checking what the real ones check: a
/// JWT-bearer grant whose assertion is RS256-signed by the test service account's key, issued by its client_email, for
/// the messaging scope and this token endpoint, at most an hour long; then a bearer token it issued, for its project, and
/// a well-formed message. It keeps what it accepted, or answers what a test told it to for a registration token.
/// </summary>
public sealed partial class FcmStandIn : IAsyncDisposable
{
    public const string ProjectId = "loanplatform-test";
    public const string ClientEmail = "notifications@loanplatform-test.iam.gserviceaccount.com";
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new();
    private readonly ConcurrentQueue<ReceivedFcmMessage> _received = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private int _tokenRequests;

    private FcmStandIn(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as Push:Fcm:Endpoint.</summary>
    public string Origin { get; private set; } = "";

    public string TokenUri => $"{Origin}/token";

    /// <summary>How long the access tokens it issues last (Google: an hour).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock assertions and access tokens are checked against: a test that fakes the sender's clock fakes this one too.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public int TokenRequests => _tokenRequests;

    public IReadOnlyCollection<ReceivedFcmMessage> Received => _received;

    /// <summary>Why requests were refused (a bad assertion or bearer token, a malformed message); a correct sender leaves this empty.</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    /// <summary>A key file as the Google Cloud console downloads it, with token_uri pointing here.</summary>
    public string ServiceAccountJson => new JsonObject
    {
        ["type"] = "service_account",
        ["project_id"] = ProjectId,
        ["private_key_id"] = "test-key",
        ["private_key"] = _key.ExportPkcs8PrivateKeyPem(),
        ["client_email"] = ClientEmail,
        ["token_uri"] = TokenUri,
    }.ToJsonString();

    public static async Task<FcmStandIn> StartAsync()
    {
        FcmStandIn? standIn = null;
        var (_, origin) = await LoopbackApp.StartAsync(app =>
        {
            standIn = new FcmStandIn(app);
            app.MapPost("/token", standIn.IssueTokenAsync);
            app.MapPost("/v1/projects/{projectId}/{method}", standIn.SendAsync);
        });
        standIn!.Origin = origin;
        return standIn;
    }

    /// <summary>A token as an app install would get from the Firebase SDK.</summary>
    public static string NewRegistrationToken() => $"{Guid.NewGuid():N}:APA91b{Convert.ToHexString(RandomNumberGenerator.GetBytes(48))}";

    /// <summary>From now on answers <paramref name="status"/> with <paramref name="errorBody"/> for this registration token.</summary>
    public void AnswerWith(string registrationToken, int status, string errorBody = "") => _answers[registrationToken] = (status, errorBody);

    /// <summary>An FCM error body: a google.rpc.Status with an FcmError code and, when a field is named, a BadRequest violation.</summary>
    public static string Error(int code, string status, string message, string? errorCode = null, string? field = null) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["status"] = status,
            ["details"] = new JsonArray(
                new JsonObject { ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError", ["errorCode"] = errorCode ?? status },
                new JsonObject
                {
                    ["@type"] = "type.googleapis.com/google.rpc.BadRequest",
                    ["fieldViolations"] = field is null ? new JsonArray() : new JsonArray(new JsonObject { ["field"] = field, ["description"] = message }),
                }),
        },
    }.ToJsonString();

    /// <summary>Makes every access token issued so far invalid, as a revoked key would.</summary>
    public void RevokeAccessTokens() => _accessTokens.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private async Task<IResult> IssueTokenAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            return Refuse("token: grant_type is not jwt-bearer", 400, """{"error":"unsupported_grant_type"}""");
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["assertion"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = ClientEmail,
            ValidAudience = TokenUri,
            IssuerSigningKey = new RsaSecurityKey(_key.ExportParameters(includePrivateParameters: false)),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => expires > Time.GetUtcNow().UtcDateTime && (notBefore ?? DateTime.MinValue) <= Time.GetUtcNow().UtcDateTime,
        });
        if (!result.IsValid)
        {
            return Refuse($"token: assertion invalid: {result.Exception?.GetType().Name}", 400, """{"error":"invalid_grant"}""");
        }

        var assertion = (JsonWebToken)result.SecurityToken;
        if (!assertion.TryGetPayloadValue<string>("scope", out var scope) || scope != Scope)
        {
            return Refuse($"token: scope is {scope}", 400, """{"error":"invalid_scope"}""");
        }

        if (assertion.ValidTo - assertion.IssuedAt > TimeSpan.FromHours(1) || assertion.IssuedAt == DateTime.MinValue
            || assertion.IssuedAt > Time.GetUtcNow().UtcDateTime.AddMinutes(1))
        {
            return Refuse("token: assertion without iat, from the future or longer than an hour", 400, """{"error":"invalid_grant"}""");
        }

        var accessToken = "ya29." + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _accessTokens[accessToken] = Time.GetUtcNow() + AccessTokenLifetime;
        return Results.Json(new { access_token = accessToken, expires_in = (int)AccessTokenLifetime.TotalSeconds, token_type = "Bearer" });
    }

    private async Task<IResult> SendAsync(string projectId, string method, HttpRequest request)
    {
        var bearer = request.Headers.Authorization.ToString();
        if (!bearer.StartsWith("Bearer ", StringComparison.Ordinal)
            || !_accessTokens.TryGetValue(bearer["Bearer ".Length..], out var expires) || expires <= Time.GetUtcNow())
        {
            return Refuse("send: no valid bearer token", 401, Error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."));
        }

        if (projectId != ProjectId || method != "messages:send")
        {
            return Refuse($"send: wrong project or method {projectId}/{method}", 404, Error(404, "NOT_FOUND", "Requested entity was not found."));
        }

        var message = (await JsonNode.ParseAsync(request.Body))?["message"];
        var token = message?["token"]?.GetValue<string>();
        var data = message?["data"] as JsonObject;
        var received = token is { Length: > 0 } && data is not null && data.All(p => p.Value?.GetValueKind() == JsonValueKind.String)
            ? new ReceivedFcmMessage(
                token,
                message!["notification"]?["title"]?.GetValue<string>() ?? "",
                message["notification"]?["body"]?.GetValue<string>() ?? "",
                data.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
                message["android"]?["priority"]?.GetValue<string>() ?? "",
                message["android"]?["ttl"]?.GetValue<string>() ?? "",
                message["apns"]?["headers"]?["apns-priority"]?.GetValue<string>() ?? "")
            : null;
        if (received is null || received.Title.Length == 0 || received.Body.Length == 0 || !received.Data.ContainsKey("id") || !received.Data.ContainsKey("type")
            || received.AndroidPriority is not ("high" or "normal") || !DurationPattern().IsMatch(received.AndroidTtl) || received.ApnsPriority is not ("5" or "10"))
        {
            return Refuse("send: malformed message", 400, Error(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
        }

        if (_answers.TryGetValue(token!, out var answer))
        {
            return Results.Content(answer.Body, "application/json", statusCode: answer.Status);
        }

        _received.Enqueue(received);
        return Results.Json(new { name = $"projects/{ProjectId}/messages/{Guid.NewGuid():N}" });
    }

    private IResult Refuse(string reason, int status, string body)
    {
        _refusals.Enqueue(reason);
        return Results.Content(body, "application/json", statusCode: status);
    }

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?s$")]
    private static partial Regex DurationPattern();
}
