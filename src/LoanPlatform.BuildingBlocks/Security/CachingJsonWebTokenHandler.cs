using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>
/// A <see cref="JsonWebTokenHandler"/> that remembers the tokens it has fully validated, keyed by the raw token, so a
/// client sending the same token again is not charged another ES256 verification (about 0.14 ms of CPU, the largest
/// part of what the gateway and each service spend per request). Every rule (issuer, audience, lifetime, algorithm,
/// key) runs in full the first time a token is seen; only valid results are kept; a hit checks the lifetime again; an
/// entry expires with its token, and after <see cref="MaxEntryLifetime"/> at the latest so a key withdrawn from the
/// issuer's JWKS stops being honoured within minutes. The cache is bounded by <see cref="MaxEntries"/>.
/// One instance serves one authentication scheme, whose validation rules do not change per request.
/// </summary>
public sealed class CachingJsonWebTokenHandler(TimeProvider time) : JsonWebTokenHandler, IDisposable
{
    public const int MaxEntries = 10_000;

    public static readonly TimeSpan MaxEntryLifetime = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = MaxEntries, CompactionPercentage = 0.25 });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_validated.TryGetValue(token, out TokenValidationResult? cached) && cached is { SecurityToken: JsonWebToken jwt })
        {
            if (Expired(jwt, validationParameters, now))
            {
                _validated.Remove(token);
                return new TokenValidationResult
                {
                    IsValid = false,
                    Exception = new SecurityTokenExpiredException("The token has expired.") { Expires = jwt.ValidTo },
                };
            }

            // A fresh identity per request: handlers downstream may add claims to the one they are given.
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = jwt,
                ClaimsIdentity = cached.ClaimsIdentity.Clone(),
                Issuer = cached.Issuer,
                TokenType = cached.TokenType,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result is { IsValid: true, SecurityToken: JsonWebToken validated } && validated.ValidTo != DateTime.MinValue)
        {
            var expires = new DateTimeOffset(validated.ValidTo, TimeSpan.Zero) + validationParameters.ClockSkew;
            var keep = Min(expires - now, MaxEntryLifetime);
            if (keep > TimeSpan.Zero)
            {
                _validated.Set(token, result, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = keep, Size = 1 });
            }
        }

        return result;
    }

    public void Dispose() => _validated.Dispose();

    // The lifetime rule as the validator applies it: expired once exp plus the allowed skew is past.
    private static bool Expired(JsonWebToken token, TokenValidationParameters parameters, DateTimeOffset now) =>
        parameters.ValidateLifetime && new DateTimeOffset(token.ValidTo, TimeSpan.Zero) + parameters.ClockSkew < now;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
