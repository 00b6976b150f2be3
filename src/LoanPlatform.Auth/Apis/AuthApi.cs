using System.Security.Claims;
using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.Auth.Signing;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.OpenApi;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Apis;

/// <summary>The public Auth API under /auth. Handlers are static so the Function app calls the very same code.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/auth").WithApiTag("Auth", "Sign in with email and password, keep the session alive with refresh tokens, sign out, change the password; the keys that verify access tokens.");

        api.MapPost("/login", Login).AllowAnonymous().WithName("Login").WithSummary("Exchange email and password for an access and a refresh token")
            .ProducesProblems(CommonProblems.Validation, AuthProblems.InvalidCredentials, AuthProblems.SigningUnavailable)
            .WithRequestExample(new LoginRequest("siti@example.com", "correct-horse-battery"))
            .WithResponseExample(StatusCodes.Status200OK, AuthApiExamples.Tokens);
        api.MapPost("/refresh", Refresh).AllowAnonymous().WithName("Refresh").WithSummary("Rotate a refresh token into a new token pair")
            .ProducesProblems(CommonProblems.Validation, AuthProblems.InvalidRefreshToken, AuthProblems.SigningUnavailable)
            .WithRequestExample(new RefreshRequest(AuthApiExamples.Tokens.RefreshToken))
            .WithResponseExample(StatusCodes.Status200OK, AuthApiExamples.Tokens);
        api.MapPost("/logout", Logout).AllowAnonymous().WithName("Logout").WithSummary("End the session a refresh token belongs to")
            .ProducesProblems(CommonProblems.Validation, AuthProblems.InvalidRefreshToken)
            .WithRequestExample(new LogoutRequest(AuthApiExamples.Tokens.RefreshToken));
        api.MapPost("/unlock", Unlock).AllowAnonymous().WithName("UnlockAccount").WithSummary("End a lockout with the unlock code emailed to the account's owner")
            .ProducesProblems(CommonProblems.Validation, AuthProblems.InvalidUnlockCode);
        api.MapPost("/password", ChangePassword).RequireAuthorization().WithName("ChangePassword").WithSummary("Change the signed-in user's password and end all their sessions")
            .ProducesProblems(CommonProblems.Validation, AuthProblems.InvalidCurrentPassword, AuthProblems.NoLocalPassword, AuthProblems.ConcurrentChange)
            .WithRequestExample(new ChangePasswordRequest("correct-horse-battery", "kuda-benar-baterai-staples"));
        api.MapGet("/.well-known/openid-configuration", OpenIdConfiguration).AllowAnonymous().WithName("OpenIdConfiguration").WithSummary("The issuer's OpenID Connect discovery document");
        api.MapGet("/.well-known/jwks.json", Jwks).AllowAnonymous().WithName("Jwks").WithSummary("The public keys that verify access tokens")
            .ProducesProblems(AuthProblems.SigningUnavailable);
        return app;
    }

    public static async Task<Ok<TokenResponse>> Login(LoginRequest request, TokenService tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.LoginAsync(request, cancellationToken));

    public static async Task<Ok<TokenResponse>> Refresh(RefreshRequest request, TokenService tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.RefreshAsync(request, cancellationToken));

    public static async Task<NoContent> Logout(LogoutRequest request, TokenService tokens, CancellationToken cancellationToken)
    {
        await tokens.LogoutAsync(request, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> Unlock(UnlockRequest request, CredentialService credentials, CancellationToken cancellationToken)
    {
        await credentials.UnlockAsync(request, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> ChangePassword(ChangePasswordRequest request, ClaimsPrincipal user, CredentialService credentials, CancellationToken cancellationToken)
    {
        var email = user.FindFirst(PlatformClaims.Email)?.Value
            ?? throw AuthProblems.NoLocalPassword.Exception();
        await credentials.ChangePasswordAsync(user.GetSubject(), email, request, ChangeActor.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }

    public static Ok<OpenIdConfigurationDocument> OpenIdConfiguration(IOptions<JwtOptions> jwt)
    {
        // Every address from the configured issuer (the public base address + /auth), never from the request's Host:
        // a forged or forwarded Host must not send validators to someone else's keys, nor reveal a backend host name.
        var issuer = jwt.Value.Issuer.TrimEnd('/');
        return TypedResults.Ok(new OpenIdConfigurationDocument(
            jwt.Value.Issuer,
            issuer + "/.well-known/jwks.json",
            issuer + "/login",
            [SecurityAlgorithms.EcdsaSha256],
            ["public"]));
    }

    public static async Task<Ok<JwksDocument>> Jwks(ISigningKeySet keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(new JwksDocument((await keys.GetPublicKeysAsync(cancellationToken)).Select(JwksKey.From).ToArray()));
}
