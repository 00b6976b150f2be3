using LoanPlatform.Auth.Apis;
using LoanPlatform.Auth.Signing;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.BuildingBlocks.Http;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Auth.Functions;

/// <summary>HTTP triggers for <see cref="AuthApi"/>: same names and routes, and the same handlers.</summary>
public sealed class AuthFunctions(TokenService tokens, CredentialService credentials, ISigningKeySet keys, IOptions<JwtOptions> jwt)
{
    [Function("Login")]
    [AllowAnonymous]
    public async Task<IResult> Login([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/login")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuthApi.Login(await req.ReadJsonAsync<LoginRequest>(cancellationToken), tokens, cancellationToken);

    [Function("Refresh")]
    [AllowAnonymous]
    public async Task<IResult> Refresh([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/refresh")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuthApi.Refresh(await req.ReadJsonAsync<RefreshRequest>(cancellationToken), tokens, cancellationToken);

    [Function("Logout")]
    [AllowAnonymous]
    public async Task<IResult> Logout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/logout")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuthApi.Logout(await req.ReadJsonAsync<LogoutRequest>(cancellationToken), tokens, cancellationToken);

    [Function("UnlockAccount")]
    [AllowAnonymous]
    public async Task<IResult> Unlock([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/unlock")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuthApi.Unlock(await req.ReadJsonAsync<UnlockRequest>(cancellationToken), credentials, cancellationToken);

    [Function("ChangePassword")]
    [Authorize]
    public async Task<IResult> ChangePassword([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/password")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuthApi.ChangePassword(await req.ReadJsonAsync<ChangePasswordRequest>(cancellationToken), req.HttpContext.User, credentials, cancellationToken);

    [Function("OpenIdConfiguration")]
    [AllowAnonymous]
    public IResult OpenIdConfiguration([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/.well-known/openid-configuration")] HttpRequest req) =>
        AuthApi.OpenIdConfiguration(jwt);

    [Function("Jwks")]
    [AllowAnonymous]
    public async Task<IResult> Jwks([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/.well-known/jwks.json")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuthApi.Jwks(keys, cancellationToken);

    [Function("GetProblemPage")]
    [AllowAnonymous]
    public IResult ProblemPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "problems/{code}")] HttpRequest req, string code) =>
        ProblemPages.Page(code, req.HttpContext);
}
