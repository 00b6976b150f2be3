using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

/// <summary>
/// Mints five-minute service tokens with this service's own local key (its name is the key id and the subject), reusing
/// one until it nears expiry. No service holds another's key, so a token can only name the service that signed it.
/// </summary>
public sealed class LocalServiceTokenProvider(IOptions<ServiceIdentityOptions> options, TimeProvider time) : IServiceTokenProvider
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly Lazy<SigningCredentials> _credentials = new(() => new SigningCredentials(LoadKey(options.Value, options.Value.ServiceName), SecurityAlgorithms.EcdsaSha256));
    private (string Token, DateTimeOffset Expires)? _cached;

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cached is { } cached && cached.Expires - now > TimeSpan.FromMinutes(1))
        {
            return ValueTask.FromResult(cached.Token);
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ServiceIdentityDefaults.LocalIssuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity([
                new Claim(PlatformClaims.Subject, options.Value.ServiceName),
                new Claim(PlatformClaims.Roles, PlatformRoles.Service),
            ]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = _credentials.Value,
        });
        _cached = (token, now + Lifetime);
        return ValueTask.FromResult(token);
    }

    /// <summary>The key of <paramref name="service"/>, created on first use; its id is the service's name.</summary>
    internal static ECDsaSecurityKey LoadKey(ServiceIdentityOptions options, string service) =>
        new(EcdsaKeyFile.LoadOrCreate(options.KeyPathOf(service))) { KeyId = service };
}
