using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using LoanPlatform.Console.Api;
using Microsoft.Extensions.Caching.Memory;

namespace LoanPlatform.Console.Identity;

/// <summary>
/// Local sign-in with the seeded staff accounts through the public API (POST /auth/login, /auth/refresh, /auth/logout).
/// The tokens stay on the server, keyed by a random session id that is the only thing the sign-in cookie carries; the
/// access token is renewed with the refresh token shortly before it expires. A restarted console forgets its sessions
/// and asks the officer to sign in again.
/// </summary>
public sealed class LocalStaffSessions(IHttpClientFactory httpClients, IMemoryCache cache, TimeProvider time) : IStaffTokenSource
{
    public const string SessionClaim = "console_session";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(10);

    private sealed record Session(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);

    private sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn);

    /// <summary>Signs in through the API; null when the API refuses the credentials (its problem is the message).</summary>
    public async Task<(ClaimsPrincipal? User, ApiProblemException? Problem)> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var http = httpClients.CreateClient(PlatformApi.HttpClientName);
        using var response = await http.PostAsJsonAsync("/auth/login", new { email, password }, PlatformApi.Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, new ApiProblemException(response.StatusCode, null, "Sign-in refused: check the email and password, or wait if the account is locked.", null));
        }

        var pair = await response.Content.ReadFromJsonAsync<TokenPair>(PlatformApi.Json, cancellationToken) ?? throw new InvalidOperationException("Empty login answer.");
        var officer = OfficerIdentity.FromAccessToken(pair.AccessToken);
        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        Store(sessionId, pair);
        var identity = new ClaimsIdentity(
            [new Claim("sub", officer.Subject), new Claim("name", officer.Name), new Claim(SessionClaim, sessionId), .. officer.Roles.Select(r => new Claim("roles", r))],
            authenticationType: "LocalStaff", nameType: "name", roleType: "roles");
        return (new ClaimsPrincipal(identity), null);
    }

    public async Task<string> GetAccessTokenAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var sessionId = user.FindFirst(SessionClaim)?.Value;
        if (sessionId is null || !cache.TryGetValue<Session>(Key(sessionId), out var session) || session is null)
        {
            throw new SignInRequiredException();
        }

        if (session.ExpiresAt - time.GetUtcNow() > RenewBefore)
        {
            return session.AccessToken;
        }

        using var http = httpClients.CreateClient(PlatformApi.HttpClientName);
        using var response = await http.PostAsJsonAsync("/auth/refresh", new { refreshToken = session.RefreshToken }, PlatformApi.Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            cache.Remove(Key(sessionId));
            throw new SignInRequiredException();
        }

        var pair = await response.Content.ReadFromJsonAsync<TokenPair>(PlatformApi.Json, cancellationToken) ?? throw new SignInRequiredException();
        return Store(sessionId, pair).AccessToken;
    }

    /// <summary>Ends the API session too, so its refresh token cannot be used again.</summary>
    public async Task SignOutAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirst(SessionClaim)?.Value is not { } sessionId || !cache.TryGetValue<Session>(Key(sessionId), out var session) || session is null)
        {
            return;
        }

        cache.Remove(Key(sessionId));
        using var http = httpClients.CreateClient(PlatformApi.HttpClientName);
        using var response = await http.PostAsJsonAsync("/auth/logout", new { refreshToken = session.RefreshToken }, PlatformApi.Json, cancellationToken);
    }

    private Session Store(string sessionId, TokenPair pair)
    {
        var session = new Session(pair.AccessToken, pair.RefreshToken, time.GetUtcNow().AddSeconds(pair.ExpiresIn));
        return cache.Set(Key(sessionId), session, new MemoryCacheEntryOptions { SlidingExpiration = SessionLifetime });
    }

    private static string Key(string sessionId) => "staff-session:" + sessionId;
}
