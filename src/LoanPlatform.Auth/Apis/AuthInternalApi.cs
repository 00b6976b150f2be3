using System.Security.Claims;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Auth.Apis;

/// <summary>
/// Service-to-service endpoints; only the Users service's identity may call them and the gateway never routes here. The calling
/// service (its token's subject, in the role Service) is the actor of the changes they make.
/// </summary>
public static class AuthInternalApi
{
    public static IEndpointRouteBuilder MapAuthInternalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/internal/auth").WithTags("Auth (internal)").RequireAuthorization(ServiceCallers.Users).ExcludeFromDescription();
        api.MapPost("/credentials", CreateCredential).WithName("CreateCredential");
        api.MapDelete("/credentials/{userId}", DeleteCredential).WithName("DeleteCredential");
        api.MapPost("/password-hashes", HashPassword).WithName("HashPassword");
        api.MapPost("/credentials/{userId}/password-checks", CheckPassword).WithName("CheckPassword");
        return app;
    }

    public static async Task<Created> CreateCredential(CreateCredentialRequest request, ClaimsPrincipal caller, CredentialService credentials, CancellationToken cancellationToken)
    {
        var created = await credentials.CreateAsync(request, ChangeActor.Of(caller), cancellationToken);
        return TypedResults.Created($"/internal/auth/credentials/{created.UserId}");
    }

    /// <summary>Whether the password is the user's current one (a wrong one counts toward the lockout).</summary>
    public static async Task<Ok<PasswordCheckResponse>> CheckPassword(string userId, PasswordCheckRequest request, CredentialService credentials, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PasswordCheckResponse(await credentials.CheckPasswordAsync(userId, request, cancellationToken)));

    public static Ok<PasswordHashResponse> HashPassword(PasswordHashRequest request, CredentialService credentials) =>
        TypedResults.Ok(credentials.HashForRegistration(request));

    public static async Task<Results<NoContent, NotFound>> DeleteCredential(
        string userId, string email, ClaimsPrincipal caller, CredentialService credentials, CancellationToken cancellationToken) =>
        await credentials.DeleteAsync(email, userId, ChangeActor.Of(caller), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
