using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Notifications.Push;

/// <summary>
/// OAuth2 access tokens for FCM from a service account key (Google's JWT-bearer grant, RFC 7523): an RS256 JWT naming
/// the account, the messaging scope and the token endpoint, exchanged at token_uri. A token is reused until shortly
/// before it expires, so a burst of notifications costs one token request. One instance per process (a singleton).
/// </summary>
public sealed class GoogleAccessTokens : IDisposable
{
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    // Google accepts at most an hour; renewing a few minutes early keeps a send from starting with a token about to lapse.
    private static readonly TimeSpan AssertionLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly GoogleServiceAccount _account;
    private readonly RSA _key = RSA.Create();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    public GoogleAccessTokens(HttpClient http, string? serviceAccountJson, TimeProvider time)
    {
        _http = http;
        _time = time;
        _account = GoogleServiceAccount.Parse(serviceAccountJson);
        try
        {
            _key.ImportFromPem(_account.PrivateKey);
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException("The FCM service account's private_key is not an RSA private key in PEM.");
        }
    }

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && _time.GetUtcNow() < current.RenewAt)
        {
            return current.Token;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } renewed && _time.GetUtcNow() < renewed.RenewAt)
            {
                return renewed.Token;
            }

            var now = _time.GetUtcNow();
            using var response = await _http.PostAsync(new Uri(_account.TokenUri!), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
                ["assertion"] = Assertion(now),
            }), cancellationToken);
            // A refused grant (a deleted key, a wrong clock) fails every send: it throws so the queue retries and dead-letters.
            response.EnsureSuccessStatusCode();
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new InvalidOperationException("The token endpoint answered no token.");
            _current = (token.AccessToken, now + TimeSpan.FromSeconds(token.ExpiresIn) - RenewBefore);
            return token.AccessToken;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forgets the cached token, after FCM refused it, so the next attempt asks for a new one.</summary>
    public void Invalidate() => _current = null;

    public void Dispose()
    {
        _key.Dispose();
        _lock.Dispose();
    }

    private string Assertion(DateTimeOffset now) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = _account.ClientEmail,
        Audience = _account.TokenUri,
        IssuedAt = now.UtcDateTime,
        Expires = (now + AssertionLifetime).UtcDateTime,
        Claims = new Dictionary<string, object> { ["scope"] = Scope },
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key), SecurityAlgorithms.RsaSha256),
    });

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
