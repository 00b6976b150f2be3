using Azure.Core;

namespace LoanPlatform.Auth.Tests.Fakes;

/// <summary>A managed identity that always has a token, and remembers the scopes it was asked for.</summary>
public sealed class StubTokenCredential : TokenCredential
{
    public const string Token = "stub-vault-token";

    public List<string> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Scopes.AddRange(requestContext.Scopes);
        return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
