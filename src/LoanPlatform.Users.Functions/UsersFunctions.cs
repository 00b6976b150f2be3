using LoanPlatform.BuildingBlocks.Http;
using LoanPlatform.Users.Apis;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Push;
using LoanPlatform.Users.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Functions;

/// <summary>
/// HTTP triggers for <see cref="UsersApi"/>: same names and routes, and the same handlers. The local file endpoints
/// have no counterpart: in Azure, upload and download URLs point at Blob Storage.
/// </summary>
[Authorize]
public sealed class UsersFunctions(
    UserRegistration registration,
    UserProfiles profiles,
    UserDocuments documents,
    UserDevices devices,
    UserDataExport export,
    UserErasure erasure,
    CustomerKyc kyc,
    StaffPeople people,
    IOptions<VapidOptions> vapid)
{
    [Function("RegisterUser")]
    [AllowAnonymous]
    public async Task<IResult> Register([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.RegisterAsync(await req.ReadJsonAsync<RegisterUserRequest>(cancellationToken), registration, cancellationToken);

    [Function("VerifyRegistration")]
    [AllowAnonymous]
    public async Task<IResult> VerifyRegistration([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/verify")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.VerifyRegistrationAsync(await req.ReadJsonAsync<VerifyRegistrationRequest>(cancellationToken), registration, cancellationToken);

    [Function("GetMyProfile")]
    public async Task<IResult> GetProfile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/me")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.GetProfileAsync(req.HttpContext.User, req.HttpContext.Response, profiles, cancellationToken);

    [Function("UpdateMyProfile")]
    public async Task<IResult> UpdateProfile([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "users/me")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.UpdateProfileAsync(
            req.HttpContext.User, req.Headers.IfMatch.FirstOrDefault(), await req.ReadJsonAsync<UpdateProfileRequest>(cancellationToken), req.HttpContext.Response, profiles, cancellationToken);

    [Function("ExportMyData")]
    public async Task<IResult> Export([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/me/export")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.ExportAsync(req.HttpContext.User, req.HttpContext.Response, export, cancellationToken);

    [Function("EraseMe")]
    public async Task<IResult> Erase([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "users/me")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.EraseAsync(req.HttpContext.User, req.Headers.IfMatch.FirstOrDefault(), await req.ReadOptionalJsonAsync<EraseRequest>(cancellationToken), erasure, cancellationToken);

    [Function("RequestMyDocumentUpload")]
    public async Task<IResult> RequestDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/me/documents")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.RequestDocumentAsync(req.HttpContext.User, await req.ReadJsonAsync<RequestDocumentRequest>(cancellationToken), documents, cancellationToken);

    [Function("CompleteMyDocumentUpload")]
    public async Task<IResult> CompleteDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/me/documents/{documentId}/complete")] HttpRequest req, string documentId, CancellationToken cancellationToken) =>
        await UsersApi.CompleteDocumentAsync(req.HttpContext.User, documentId, documents, cancellationToken);

    [Function("ListMyDocuments")]
    public async Task<IResult> ListDocuments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/me/documents")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.ListDocumentsAsync(req.HttpContext.User, documents, cancellationToken);

    [Function("GetMyDocument")]
    public async Task<IResult> GetDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/me/documents/{documentId}")] HttpRequest req, string documentId, CancellationToken cancellationToken) =>
        await UsersApi.GetDocumentAsync(req.HttpContext.User, documentId, documents, cancellationToken);

    [Function("GetMyNotificationPreferences")]
    public async Task<IResult> GetNotificationPreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/me/notification-preferences")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.GetNotificationPreferencesAsync(req.HttpContext.User, req.HttpContext.Response, profiles, cancellationToken);

    [Function("UpdateMyNotificationPreferences")]
    public async Task<IResult> UpdateNotificationPreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "users/me/notification-preferences")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.UpdateNotificationPreferencesAsync(
            req.HttpContext.User, req.Headers.IfMatch.FirstOrDefault(), await req.ReadJsonAsync<NotificationPreferencesRequest>(cancellationToken), req.HttpContext.Response, profiles,
            cancellationToken);

    [Function("RegisterMyDevice")]
    public async Task<IResult> RegisterDevice([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/me/devices")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.RegisterDeviceAsync(req.HttpContext.User, await req.ReadJsonAsync<RegisterDeviceRequest>(cancellationToken), devices, cancellationToken);

    [Function("ListMyDevices")]
    public async Task<IResult> ListDevices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/me/devices")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.ListDevicesAsync(req.HttpContext.User, devices, cancellationToken);

    [Function("GetPushConfig")]
    public IResult GetPushConfig([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/me/devices/push-config")] HttpRequest req) =>
        UsersApi.GetPushConfig(vapid);

    [Function("DeleteMyDevice")]
    public async Task<IResult> DeleteDevice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "users/me/devices/{deviceId}")] HttpRequest req, string deviceId, CancellationToken cancellationToken) =>
        await UsersApi.DeleteDeviceAsync(req.HttpContext.User, deviceId, devices, cancellationToken);

    [Function("ListKycReviews")]
    [Authorize(Policy = UsersApi.KycReviewersPolicy)]
    public async Task<IResult> ListKycReviews([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/kyc-reviews")] HttpRequest req, CancellationToken cancellationToken) =>
        await UsersApi.ListKycReviewsAsync(
            req.Query["status"].FirstOrDefault(), req.Query["continuationToken"].FirstOrDefault(), req.Query["pageSize"].FirstOrDefault(), kyc, cancellationToken);

    [Function("GetCustomerKyc")]
    [Authorize(Policy = UsersApi.KycReviewersPolicy)]
    public async Task<IResult> GetCustomerKyc(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}/kyc")] HttpRequest req, string userId, CancellationToken cancellationToken) =>
        await UsersApi.GetCustomerKycAsync(userId, req.HttpContext.User, req.HttpContext.Response, kyc, cancellationToken);

    [Function("DecideCustomerKyc")]
    [Authorize(Policy = UsersApi.KycReviewersPolicy)]
    public async Task<IResult> DecideCustomerKyc(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/kyc/decisions")] HttpRequest req, string userId, CancellationToken cancellationToken) =>
        await UsersApi.DecideCustomerKycAsync(userId, await req.ReadJsonAsync<KycDecisionRequest>(cancellationToken), req.HttpContext.User, kyc, cancellationToken);

    [Function("GetStaffPerson")]
    [Authorize(Policy = UsersApi.AdminsPolicy)]
    public async Task<IResult> GetStaffPerson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/staff/{staffId}/person")] HttpRequest req, string staffId, CancellationToken cancellationToken) =>
        await UsersApi.GetStaffPersonAsync(staffId, req.HttpContext.Response, people, cancellationToken);

    [Function("LinkStaffPerson")]
    [Authorize(Policy = UsersApi.AdminsPolicy)]
    public async Task<IResult> LinkStaffPerson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "users/staff/{staffId}/person")] HttpRequest req, string staffId, CancellationToken cancellationToken) =>
        await UsersApi.LinkStaffPersonAsync(
            staffId, req.Headers.IfMatch.FirstOrDefault(), await req.ReadJsonAsync<StaffPersonRequest>(cancellationToken), req.HttpContext.User, req.HttpContext.Response, people,
            cancellationToken);
}
