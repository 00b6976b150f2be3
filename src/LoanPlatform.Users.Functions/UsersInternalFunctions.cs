using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Users.Apis;
using LoanPlatform.Users.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Users.Functions;

/// <summary>HTTP triggers for <see cref="UsersInternalApi"/>; service identities only, as locally.</summary>
[Authorize(Policy = AuthenticationExtensions.ServicePolicy)]
public sealed class UsersInternalFunctions(UserEligibility eligibility, UserContacts contacts, UserDevices devices, CustomerKyc kyc)
{
    [Function("GetPersonMatch")]
    public async Task<IResult> GetPersonMatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "internal/users/{userId}/person-match/{staffId}")] HttpRequest req, string userId, string staffId,
        CancellationToken cancellationToken) =>
        await UsersInternalApi.GetPersonMatchAsync(userId, staffId, kyc, cancellationToken);

    [Function("GetUserEligibility")]
    public async Task<IResult> GetEligibility(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "internal/users/{userId}/eligibility")] HttpRequest req, string userId, CancellationToken cancellationToken) =>
        await UsersInternalApi.GetEligibilityAsync(userId, eligibility, cancellationToken);

    [Function("GetUserContact")]
    public async Task<IResult> GetContact(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "internal/users/{userId}/contact")] HttpRequest req, string userId, CancellationToken cancellationToken) =>
        await UsersInternalApi.GetContactAsync(userId, contacts, cancellationToken);

    [Function("DeleteUserDevice")]
    public async Task<IResult> DeleteDevice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "internal/users/{userId}/devices/{deviceId}")] HttpRequest req, string userId, string deviceId,
        CancellationToken cancellationToken) =>
        await UsersInternalApi.DeleteDeviceAsync(userId, deviceId, req.HttpContext.User, devices, cancellationToken);
}
