using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.Testing.WebPush;

/// <summary>
/// A push service on loopback that checks what real ones check (RFC 8030/8291/8292): a VAPID JWT signed by the key in
/// <c>k</c>, for this origin, not expired and at most 24 hours long, with a contact; a TTL; aes128gcm content. It accepts
/// with 201 and keeps the decrypted payload, or answers what a test told it to (e.g. 410 for an expired subscription).
/// </summary>
public sealed class PushServiceStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TestPushSubscription> _subscriptions = new();
    private readonly ConcurrentDictionary<string, int> _answers = new();
    private readonly ConcurrentQueue<ReceivedPush> _received = new();
    private readonly ConcurrentQueue<string> _refusals = new();

    private PushServiceStandIn(WebApplication app) => _app = app;

    public string Origin { get; private set; } = "";

    public IReadOnlyCollection<ReceivedPush> Received => _received;

    /// <summary>Why requests were refused (bad VAPID, missing headers); a correct sender leaves this empty.</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    public static async Task<PushServiceStandIn> StartAsync()
    {
        PushServiceStandIn? standIn = null;
        var (_, origin) = await LoopbackApp.StartAsync(app =>
        {
            standIn = new PushServiceStandIn(app);
            app.MapPost("/push/{id}", standIn.AcceptAsync);
        });
        standIn!.Origin = origin;
        return standIn;
    }

    public TestPushSubscription Subscribe()
    {
        var id = Guid.NewGuid().ToString("N");
        var subscription = new TestPushSubscription(id, $"{Origin}/push/{id}");
        _subscriptions[id] = subscription;
        return subscription;
    }

    /// <summary>From now on answers <paramref name="statusCode"/> for this subscription (410 Gone: the user unsubscribed).</summary>
    public void AnswerWith(TestPushSubscription subscription, int statusCode) => _answers[subscription.Id] = statusCode;

    /// <summary>Accepts messages for this subscription again.</summary>
    public void AnswerNormally(TestPushSubscription subscription) => _answers.TryRemove(subscription.Id, out _);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Dispose();
        }
    }

    private async Task<IResult> AcceptAsync(string id, HttpRequest request)
    {
        if (!_subscriptions.TryGetValue(id, out var subscription))
        {
            return Results.NotFound();
        }

        if (_answers.TryGetValue(id, out var answer))
        {
            return Results.StatusCode(answer);
        }

        if (!int.TryParse(request.Headers["TTL"], CultureInfo.InvariantCulture, out var timeToLive))
        {
            return Refuse(StatusCodes.Status400BadRequest, "no TTL header");
        }

        if (request.Headers.ContentEncoding != "aes128gcm")
        {
            return Refuse(StatusCodes.Status415UnsupportedMediaType, $"content encoding '{request.Headers.ContentEncoding}'");
        }

        var (claims, failure) = VerifyVapid(request.Headers.Authorization.ToString());
        if (claims is null)
        {
            return Refuse(StatusCodes.Status403Forbidden, "VAPID authorization failed: " + failure);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        string payload;
        try
        {
            payload = subscription.Decrypt(body.ToArray());
        }
        catch (CryptographicException e)
        {
            return Refuse(StatusCodes.Status400BadRequest, "payload does not decrypt: " + e.Message);
        }

        _received.Enqueue(new ReceivedPush(id, payload, claims.Value.Key, claims.Value.Audience, claims.Value.Subject, claims.Value.Expires, timeToLive, request.Headers["Urgency"]));
        return Results.Created();
    }

    private IResult Refuse(int statusCode, string reason)
    {
        _refusals.Enqueue(reason);
        return Results.StatusCode(statusCode);
    }

    private ((string Key, string Audience, string Subject, DateTimeOffset Expires)? Claims, string? Failure) VerifyVapid(string authorization)
    {
        // Authorization: vapid t=<JWT>, k=<base64url public key>
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            return (null, $"scheme of '{authorization}'");
        }

        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        if (!parameters.TryGetValue("t", out var token) || !parameters.TryGetValue("k", out var key))
        {
            return (null, "no t or k");
        }

        var parts = token.Split('.');
        var point = Base64Url.DecodeFromChars(key);
        if (parts.Length != 3 || point.Length != 65 || point[0] != 0x04)
        {
            return (null, "malformed token or key");
        }

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        if (header.RootElement.GetProperty("alg").GetString() != "ES256")
        {
            return (null, "alg");
        }

        using var signer = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        if (!signer.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256))
        {
            return (null, "signature");
        }

        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var audience = claims.RootElement.GetProperty("aud").GetString();
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        var subject = claims.RootElement.TryGetProperty("sub", out var sub) ? sub.GetString() : null;
        var now = DateTimeOffset.UtcNow;
        // Lib.Net.Http.WebPush builds the audience as scheme://host, leaving out the port. Real push services all listen
        // on 443, where that is the origin exactly; only this loopback stand-in has a port to drop.
        if (audience != Origin && audience != new Uri(Origin).GetLeftPart(UriPartial.Scheme) + new Uri(Origin).Host)
        {
            return (null, $"audience '{audience}'");
        }

        if (expires <= now || expires > now.AddHours(24))
        {
            return (null, $"expiry {expires:O}");
        }

        return string.IsNullOrEmpty(subject) ? (null, "no subject") : ((key, audience, subject, expires), null);
    }
}
