using System.Security.Claims;
using System.Security.Cryptography;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.BuildingBlocks.Tests.Security;

/// <summary>A token is verified once, yet every rule holds: only valid tokens are remembered, and never past their expiry.</summary>
public sealed class CachingJsonWebTokenHandlerTests : IDisposable
{
    private const string Issuer = "https://tests.local/auth";
    private const string Audience = "loanplatform-api";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CachingJsonWebTokenHandler _handler;
    private int _keyLookups;

    public CachingJsonWebTokenHandlerTests() => _handler = new CachingJsonWebTokenHandler(_time);

    [Fact]
    public async Task A_token_seen_again_is_not_verified_again_and_each_request_gets_its_own_identity()
    {
        var token = Issue(Audience, TimeSpan.FromMinutes(10));

        var first = await _handler.ValidateTokenAsync(token, Rules());
        var second = await _handler.ValidateTokenAsync(token, Rules());

        Assert.True(first.IsValid, first.Exception?.Message);
        Assert.True(second.IsValid);
        Assert.Equal(1, _keyLookups);
        Assert.Equal("user-1", second.ClaimsIdentity.FindFirst(PlatformClaims.Subject)?.Value);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
    }

    [Fact]
    public async Task A_token_that_breaks_a_rule_is_refused_every_time_it_is_sent()
    {
        var otherAudience = Issue("someone-else", TimeSpan.FromMinutes(10));

        var first = await _handler.ValidateTokenAsync(otherAudience, Rules());
        var second = await _handler.ValidateTokenAsync(otherAudience, Rules());

        Assert.IsType<SecurityTokenInvalidAudienceException>(first.Exception);
        Assert.IsType<SecurityTokenInvalidAudienceException>(second.Exception);
        Assert.Equal(2, _keyLookups);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires()
    {
        var token = Issue(Audience, TimeSpan.FromMinutes(2));
        Assert.True((await _handler.ValidateTokenAsync(token, Rules())).IsValid);

        _time.Advance(TimeSpan.FromMinutes(2) + PlatformTokenValidation.ClockSkew + TimeSpan.FromSeconds(1));
        var expired = await _handler.ValidateTokenAsync(token, Rules());

        Assert.False(expired.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
    }

    public void Dispose()
    {
        _handler.Dispose();
        _key.Dispose();
    }

    private TokenValidationParameters Rules()
    {
        var rules = PlatformTokenValidation.ForAccessTokens(Issuer, Audience);
        rules.IssuerSigningKeyResolver = (_, _, kid, _) =>
        {
            Interlocked.Increment(ref _keyLookups);
            return kid == "key-1" ? [new ECDsaSecurityKey(_key) { KeyId = "key-1" }] : [];
        };
        return rules;
    }

    private string Issue(string audience, TimeSpan lifetime) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = audience,
        Subject = new ClaimsIdentity([new Claim(PlatformClaims.Subject, "user-1")]),
        IssuedAt = DateTime.UtcNow,
        NotBefore = DateTime.UtcNow,
        Expires = DateTime.UtcNow + lifetime,
        SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_key) { KeyId = "key-1" }, SecurityAlgorithms.EcdsaSha256),
    });
}
