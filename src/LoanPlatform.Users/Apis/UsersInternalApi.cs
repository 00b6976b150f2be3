using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Users.Apis;

/// <summary>Service-to-service endpoints; each names the one service whose identity it admits.</summary>
public static class UsersInternalApi
{
    public static IEndpointRouteBuilder MapUsersInternalApi(this IEndpointRouteBuilder app)
    {
        var internalUsers = app.MapGroup("/internal/users")
            .WithTags("Users internal")
            .ExcludeFromDescription();
        internalUsers.MapGet("/{userId}/eligibility", GetEligibilityAsync)
            .RequireAuthorization(ServiceCallers.Loans).WithName("GetUserEligibility").WithSummary("The KYC outcome, date of birth and NIK province of a user, for taking and scoring a loan application.");
        internalUsers.MapGet("/{userId}/contact", GetContactAsync)
            .RequireAuthorization(ServiceCallers.Notifications).WithName("GetUserContact").WithSummary("Where and in which language to notify a user, for the Notifications service.");
        internalUsers.MapGet("/{userId}/person-match/{staffId}", GetPersonMatchAsync)
            .RequireAuthorization(ServiceCallers.Loans).WithName("GetPersonMatch").WithSummary("Whether a staff member is the same person as a customer (NIK, email or phone), for the Loans service's decision rules.");
        internalUsers.MapDelete("/{userId}/devices/{deviceId}", DeleteDeviceAsync)
            .RequireAuthorization(ServiceCallers.Notifications).WithName("DeleteUserDevice").WithSummary("Forget a device whose push subscription expired (the push service answered 404 or 410); 204 whether or not it existed.");
        return app;
    }

    /// <summary>The caller is named in the removal's audit record by its service identity (e.g. "notifications", role Service).</summary>
    public static async Task<NoContent> DeleteDeviceAsync(string userId, string deviceId, ClaimsPrincipal caller, UserDevices devices, CancellationToken cancellationToken)
    {
        await devices.RemoveAsync(userId, deviceId, ChangeActor.Of(caller), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<UserContactResponse>> GetContactAsync(string userId, UserContacts contacts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await contacts.FindAsync(userId, cancellationToken) ?? throw ProblemException.NotFound("The user"));

    public static async Task<Ok<PersonMatchResponse>> GetPersonMatchAsync(string userId, string staffId, CustomerKyc kyc, CancellationToken cancellationToken) =>
        TypedResults.Ok(await kyc.MatchPersonAsync(userId, staffId, cancellationToken) ?? throw ProblemException.NotFound("The user"));

    public static async Task<Ok<UserEligibilityResponse>> GetEligibilityAsync(string userId, UserEligibility eligibility, CancellationToken cancellationToken) =>
        TypedResults.Ok(await eligibility.FindAsync(userId, cancellationToken) ?? throw ProblemException.NotFound("The user"));
}
