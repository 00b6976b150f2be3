using LoanPlatform.Auth.Apis;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.BuildingBlocks.Http;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Auth.Functions;

/// <summary>HTTP triggers for <see cref="AuthInternalApi"/>; only the Users service's identity, as locally.</summary>
[Authorize(Policy = ServiceCallers.Users)]
public sealed class AuthInternalFunctions(CredentialService credentials)
{
    [Function("CreateCredential")]
    public async Task<IResult> CreateCredential([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "internal/auth/credentials")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuthInternalApi.CreateCredential(await req.ReadJsonAsync<CreateCredentialRequest>(cancellationToken), req.HttpContext.User, credentials, cancellationToken);

    [Function("HashPassword")]
    public async Task<IResult> HashPassword([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "internal/auth/password-hashes")] HttpRequest req, CancellationToken cancellationToken) =>
        AuthInternalApi.HashPassword(await req.ReadJsonAsync<PasswordHashRequest>(cancellationToken), credentials);

    [Function("CheckPassword")]
    public async Task<IResult> CheckPassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "internal/auth/credentials/{userId}/password-checks")] HttpRequest req, string userId,
        CancellationToken cancellationToken) =>
        await AuthInternalApi.CheckPassword(userId, await req.ReadJsonAsync<PasswordCheckRequest>(cancellationToken), credentials, cancellationToken);

    [Function("DeleteCredential")]
    public async Task<IResult> DeleteCredential(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "internal/auth/credentials/{userId}")] HttpRequest req, string userId, CancellationToken cancellationToken) =>
        await AuthInternalApi.DeleteCredential(userId, req.RequiredQuery("email"), req.HttpContext.User, credentials, cancellationToken);
}
