using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Auth.Apis;

/// <summary>Service-to-service endpoints; only a service identity may call them and the gateway never routes here.</summary>
public static class AuthInternalApi
{
    public static IEndpointRouteBuilder MapAuthInternalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/internal/auth").WithTags("Auth (internal)").RequireAuthorization(AuthenticationExtensions.ServicePolicy).ExcludeFromDescription();
        api.MapPost("/credentials", CreateCredential).WithName("CreateCredential");
        api.MapDelete("/credentials/{userId}", DeleteCredential).WithName("DeleteCredential");
        return app;
    }

    public static async Task<Created> CreateCredential(CreateCredentialRequest request, CredentialService credentials, CancellationToken cancellationToken)
    {
        var created = await credentials.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/internal/auth/credentials/{created.UserId}");
    }

    public static async Task<Results<NoContent, NotFound>> DeleteCredential(string userId, string email, CredentialService credentials, CancellationToken cancellationToken) =>
        await credentials.DeleteAsync(email, userId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
