using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

/// <summary>Mints five-minute service tokens with the local host's service key, reusing one until it nears expiry.</summary>
public sealed class LocalServiceTokenProvider(IOptions<ServiceIdentityOptions> options, TimeProvider time) : IServiceTokenProvider
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly Lazy<SigningCredentials> _credentials = new(() => CreateCredentials(options.Value));
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

    internal static ECDsaSecurityKey LoadKey(ServiceIdentityOptions options)
    {
        var path = options.KeyPath ?? throw new InvalidOperationException("ServiceIdentity:KeyPath is required in Local mode.");
        return new ECDsaSecurityKey(EcdsaKeyFile.LoadOrCreate(path)) { KeyId = "local-service" };
    }

    private static SigningCredentials CreateCredentials(ServiceIdentityOptions options) =>
        new(LoadKey(options), SecurityAlgorithms.EcdsaSha256);
}
