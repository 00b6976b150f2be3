using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.OpenApi;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Objects.Local;
using LoanPlatform.Users.Push;
using LoanPlatform.Users.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Apis;

/// <summary>The public /users API. Handlers are public so an Azure Functions HTTP trigger can call the same code.</summary>
public static class UsersApi
{
    /// <summary>Staff who review customers' identity: loan officers, senior loan officers and admins.</summary>
    public const string KycReviewersPolicy = "KycReviewers";

    /// <summary>Admins, who link staff identities to people.</summary>
    public const string AdminsPolicy = "Admins";

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/users").WithApiTag("Users", "Customers: registration, the signed-in customer's profile and data (UU PDP access and erasure), KTP and selfie documents, notification preferences and push devices.");
        users.MapPost("/", RegisterAsync).AllowAnonymous()
            .WithName("RegisterUser").WithSummary("Start a registration: the same 202 for every well-formed request; a six-digit code goes to the email.")
            .ProducesProblems(CommonProblems.Validation)
            .WithRequestExample(UsersApiExamples.Registration)
            .WithResponseExample(StatusCodes.Status202Accepted, RegistrationAcceptedResponse.VerificationSent);
        users.MapPost("/verify", VerifyRegistrationAsync).AllowAnonymous()
            .WithName("VerifyRegistration").WithSummary("Create the account (profile and login together) with the code sent to the email.")
            .ProducesProblems(CommonProblems.Validation, UserProblems.InvalidVerificationCode, UserProblems.EmailTaken, UserProblems.PhoneTaken, UserProblems.NikTaken, UserProblems.AuthUnavailable)
            .WithRequestExample(new VerifyRegistrationRequest("siti@example.com", "482913"))
            .WithResponseExample(StatusCodes.Status201Created, new RegisterUserResponse(UsersApiExamples.UserId));

        var me = users.MapGroup("/me").RequireAuthorization().ProducesProblems(CommonProblems.NotFound);
        me.MapGet("/", GetProfileAsync)
            .WithName("GetMyProfile").WithSummary("The signed-in user's profile, with its ETag.").WithETag();
        me.MapPatch("/", UpdateProfileAsync)
            .WithName("UpdateMyProfile").WithSummary("Change full name, phone or language; requires If-Match.").WithETag()
            .ProducesProblems(CommonProblems.Validation, CommonProblems.PreconditionRequired, CommonProblems.StaleETag, UserProblems.PhoneTaken)
            .WithRequestExample(new UpdateProfileRequest("Siti Rahayu Putri", "081298765432", "id"));
        me.MapGet("/export", ExportAsync)
            .WithName("ExportMyData").WithSummary("Everything held about the signed-in user (UU PDP right of access).");
        me.MapDelete("/", EraseAsync)
            .WithName("EraseMe").WithSummary("Erase the profile, documents and login irreversibly (UU PDP); requires If-Match and a fresh sign-in or {password}.")
            .ProducesProblems(CommonProblems.PreconditionRequired, CommonProblems.StaleETag, UserProblems.ReauthenticationRequired, UserProblems.ChangesNotYetAudited, UserProblems.AuthUnavailable, AuthProblems.ErasurePending);
        me.MapPost("/documents", RequestDocumentAsync)
            .WithName("RequestMyDocumentUpload").WithSummary("Declare a KTP or selfie upload and get a signed upload URL.")
            .ProducesProblems(CommonProblems.Validation)
            .WithRequestExample(UsersApiExamples.KtpUpload);
        me.MapPost("/documents/{documentId}/complete", CompleteDocumentAsync)
            .WithName("CompleteMyDocumentUpload").WithSummary("Check the uploaded object against its declaration and verify it.")
            .ProducesProblems(UserProblems.UploadMissing, UserProblems.UploadNotValid, UserProblems.UploadChanged, UserProblems.DocumentRejected);
        me.MapGet("/documents", ListDocumentsAsync)
            .WithName("ListMyDocuments").WithSummary("The signed-in user's documents.");
        me.MapGet("/documents/{documentId}", GetDocumentAsync)
            .WithName("GetMyDocument").WithSummary("One document: its status and step times, the reason if rejected, a short-lived download URL once verified.");
        me.MapGet("/notification-preferences", GetNotificationPreferencesAsync)
            .WithName("GetMyNotificationPreferences").WithSummary("Which channels notify the signed-in user and their quiet hours, with the profile's ETag.").WithETag();
        me.MapPut("/notification-preferences", UpdateNotificationPreferencesAsync)
            .WithName("UpdateMyNotificationPreferences").WithSummary("Replace the notification preferences; requires If-Match with the profile's ETag.").WithETag()
            .ProducesProblems(CommonProblems.Validation, CommonProblems.PreconditionRequired, CommonProblems.StaleETag);
        me.MapPost("/devices", RegisterDeviceAsync)
            .WithName("RegisterMyDevice").WithSummary("Register a browser's Web Push subscription or a native app's FCM token; registering the same one again updates it.")
            .ProducesProblems(CommonProblems.Validation, UserProblems.TooManyDevices);
        me.MapGet("/devices", ListDevicesAsync)
            .WithName("ListMyDevices").WithSummary("The signed-in user's push devices, without their endpoints, keys or tokens.");
        me.MapGet("/devices/push-config", GetPushConfig)
            .WithName("GetPushConfig").WithSummary("The VAPID public key a browser subscribes with (applicationServerKey).")
            .ProducesProblems(UserProblems.PushNotConfigured);
        me.MapDelete("/devices/{deviceId}", DeleteDeviceAsync)
            .WithName("DeleteMyDevice").WithSummary("Stop sending push notifications to one of the signed-in user's devices.");

        users.MapGet("/kyc-reviews", ListKycReviewsAsync).RequireAuthorization().RequireAuthorization(KycReviewersPolicy)
            .WithName("ListKycReviews").WithSummary("Staff: customers by KYC status (default pendingReview), oldest submission first, with the provider's answer; paged by continuationToken.")
            .ProducesProblems(CommonProblems.Validation);
        users.MapGet("/{userId}/kyc", GetCustomerKycAsync).RequireAuthorization().RequireAuthorization(KycReviewersPolicy)
            .WithName("GetCustomerKyc").WithSummary("Staff: a customer's identity data and documents, each with a read-only URL that expires in minutes; 403 for the customer's own person.")
            .ProducesProblems(CommonProblems.NotFound, UserProblems.SamePerson, UserProblems.StaffPersonNotLinked);
        users.MapPost("/{userId}/kyc/decisions", DecideCustomerKycAsync).RequireAuthorization().RequireAuthorization(KycReviewersPolicy)
            .WithName("DecideCustomerKyc").WithSummary("Staff: verify or reject (with a reason) a customer waiting for review; 409 when not waiting, 403 for the customer's own person.")
            .ProducesProblems(CommonProblems.Validation, CommonProblems.NotFound, UserProblems.KycNotPendingReview, UserProblems.SamePerson, UserProblems.StaffPersonNotLinked)
            .WithRequestExample(new KycDecisionRequest("verify", "Face and data match the KTP", null));
        users.MapGet("/staff/{staffId}/person", GetStaffPersonAsync).RequireAuthorization().RequireAuthorization(AdminsPolicy)
            .WithName("GetStaffPerson").WithSummary("Admin: the person (NIK, email, phone) a staff identity is linked to, with its ETag.").WithETag()
            .ProducesProblems(CommonProblems.NotFound);
        users.MapPut("/staff/{staffId}/person", LinkStaffPersonAsync).RequireAuthorization().RequireAuthorization(AdminsPolicy)
            .WithName("LinkStaffPerson").WithSummary("Admin: link a staff identity (Entra object id) to a person; replacing a link requires If-Match.").WithETag()
            .ProducesProblems(CommonProblems.Validation, CommonProblems.PreconditionRequired, CommonProblems.StaleETag);

        // The local object store serves its own signed URLs; cloud adapters hand out Blob or S3 URLs instead.
        if (app.ServiceProvider.GetService<LocalDocumentObjectStore>() is not null)
        {
            app.MapLocalFileEndpoints();
        }

        return app;
    }

    /// <summary>
    /// 202 for every well-formed registration, whether or not its email, phone or NIK belongs to a customer: the answer
    /// never tells who is one. 400 only for malformed input.
    /// </summary>
    public static async Task<Accepted<RegistrationAcceptedResponse>> RegisterAsync(RegisterUserRequest request, UserRegistration registration, CancellationToken cancellationToken)
    {
        await registration.StartAsync(request, cancellationToken);
        return TypedResults.Accepted((string?)null, RegistrationAcceptedResponse.VerificationSent);
    }

    public static async Task<Created<RegisterUserResponse>> VerifyRegistrationAsync(VerifyRegistrationRequest request, UserRegistration registration, CancellationToken cancellationToken)
    {
        var userId = await registration.VerifyAsync(request, cancellationToken);
        // The new user reads their profile at /users/me once signed in; there is no public per-id address.
        return TypedResults.Created("/users/me", new RegisterUserResponse(userId));
    }

    public static async Task<Ok<UserProfileResponse>> GetProfileAsync(ClaimsPrincipal user, HttpResponse response, UserProfiles profiles, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(user.GetSubject(), cancellationToken);
        response.Headers.ETag = EntityTags.ToHeader(profile.ETag);
        return TypedResults.Ok(UserProfiles.ToResponse(profile.Value));
    }

    public static async Task<Ok<UserProfileResponse>> UpdateProfileAsync(
        ClaimsPrincipal user,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        UpdateProfileRequest request,
        HttpResponse response,
        UserProfiles profiles,
        CancellationToken cancellationToken)
    {
        var profile = await profiles.UpdateAsync(user.GetSubject(), ifMatch, request, ChangeActor.Of(user), cancellationToken);
        response.Headers.ETag = EntityTags.ToHeader(profile.ETag);
        return TypedResults.Ok(UserProfiles.ToResponse(profile.Value));
    }

    public static async Task<Ok<UserDataExportResponse>> ExportAsync(ClaimsPrincipal user, HttpResponse response, UserDataExport export, CancellationToken cancellationToken)
    {
        var data = await export.ExportAsync(user.GetSubject(), cancellationToken);
        // Personal data in full: no cache, shared or private, may keep a copy.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(data);
    }

    public static async Task<NoContent> EraseAsync(
        ClaimsPrincipal user, [FromHeader(Name = "If-Match")] string? ifMatch, [FromBody] EraseRequest? request, UserErasure erasure, CancellationToken cancellationToken)
    {
        await erasure.EraseAsync(user.GetSubject(), ifMatch, user.GetAuthTime(), request?.Password, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Created<DocumentUploadResponse>> RequestDocumentAsync(ClaimsPrincipal user, RequestDocumentRequest request, UserDocuments documents, CancellationToken cancellationToken)
    {
        var upload = await documents.RequestUploadAsync(user.GetSubject(), request, ChangeActor.Of(user), cancellationToken);
        return TypedResults.Created($"/users/me/documents/{upload.DocumentId}", upload);
    }

    public static async Task<Ok<UserDocumentResponse>> CompleteDocumentAsync(ClaimsPrincipal user, string documentId, UserDocuments documents, CancellationToken cancellationToken) =>
        TypedResults.Ok(await documents.CompleteAsync(user.GetSubject(), documentId, ChangeActor.Of(user), cancellationToken));

    public static async Task<Ok<IReadOnlyList<UserDocumentResponse>>> ListDocumentsAsync(ClaimsPrincipal user, UserDocuments documents, CancellationToken cancellationToken) =>
        TypedResults.Ok(await documents.ListAsync(user.GetSubject(), cancellationToken));

    public static async Task<Ok<UserDocumentResponse>> GetDocumentAsync(ClaimsPrincipal user, string documentId, UserDocuments documents, CancellationToken cancellationToken) =>
        TypedResults.Ok(await documents.GetAsync(user.GetSubject(), documentId, cancellationToken));

    public static async Task<Ok<NotificationPreferencesResponse>> GetNotificationPreferencesAsync(
        ClaimsPrincipal user, HttpResponse response, UserProfiles profiles, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(user.GetSubject(), cancellationToken);
        response.Headers.ETag = EntityTags.ToHeader(profile.ETag);
        return TypedResults.Ok(NotificationPreferencesResponse.From(profile.Value.NotificationPreferences));
    }

    public static async Task<Ok<NotificationPreferencesResponse>> UpdateNotificationPreferencesAsync(
        ClaimsPrincipal user,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        NotificationPreferencesRequest request,
        HttpResponse response,
        UserProfiles profiles,
        CancellationToken cancellationToken)
    {
        var profile = await profiles.UpdateNotificationPreferencesAsync(user.GetSubject(), ifMatch, request, ChangeActor.Of(user), cancellationToken);
        response.Headers.ETag = EntityTags.ToHeader(profile.ETag);
        return TypedResults.Ok(NotificationPreferencesResponse.From(profile.Value.NotificationPreferences));
    }

    public static async Task<Results<Created<DeviceResponse>, Ok<DeviceResponse>>> RegisterDeviceAsync(
        ClaimsPrincipal user, RegisterDeviceRequest request, UserDevices devices, CancellationToken cancellationToken)
    {
        var registration = await devices.RegisterAsync(user.GetSubject(), request, ChangeActor.Of(user), cancellationToken);
        return registration.Created
            ? TypedResults.Created($"/users/me/devices/{registration.Device.DeviceId}", registration.Device)
            : TypedResults.Ok(registration.Device);
    }

    public static async Task<Ok<IReadOnlyList<DeviceResponse>>> ListDevicesAsync(ClaimsPrincipal user, UserDevices devices, CancellationToken cancellationToken) =>
        TypedResults.Ok(await devices.ListAsync(user.GetSubject(), cancellationToken));

    public static async Task<NoContent> DeleteDeviceAsync(ClaimsPrincipal user, string deviceId, UserDevices devices, CancellationToken cancellationToken)
    {
        await devices.DeleteAsync(user.GetSubject(), deviceId, ChangeActor.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<KycReviewPage>> ListKycReviewsAsync(
        string? status, string? continuationToken, string? pageSize, CustomerKyc kyc, CancellationToken cancellationToken) =>
        TypedResults.Ok(await kyc.ListAsync(status, continuationToken, pageSize, cancellationToken));

    public static async Task<Ok<CustomerKycResponse>> GetCustomerKycAsync(
        string userId, ClaimsPrincipal reviewer, HttpResponse response, CustomerKyc kyc, CancellationToken cancellationToken)
    {
        var review = await kyc.GetReviewAsync(reviewer, userId, cancellationToken);
        // Personal data and bearer URLs: nothing between here and the reviewer may keep a copy.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(review);
    }

    public static async Task<Ok<KycDecisionResponse>> DecideCustomerKycAsync(
        string userId, KycDecisionRequest request, ClaimsPrincipal reviewer, CustomerKyc kyc, CancellationToken cancellationToken) =>
        TypedResults.Ok(await kyc.DecideAsync(reviewer, userId, request, cancellationToken));

    public static async Task<Ok<StaffPersonResponse>> GetStaffPersonAsync(string staffId, HttpResponse response, StaffPeople people, CancellationToken cancellationToken)
    {
        var person = await people.GetAsync(staffId, cancellationToken);
        response.Headers.ETag = EntityTags.ToHeader(person.ETag);
        return TypedResults.Ok(StaffPersonResponse.From(person.Value));
    }

    public static async Task<Ok<StaffPersonResponse>> LinkStaffPersonAsync(
        string staffId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        StaffPersonRequest request,
        ClaimsPrincipal admin,
        HttpResponse response,
        StaffPeople people,
        CancellationToken cancellationToken)
    {
        var person = await people.LinkAsync(staffId, ifMatch, request, ChangeActor.Of(admin), cancellationToken);
        response.Headers.ETag = EntityTags.ToHeader(person.ETag);
        return TypedResults.Ok(StaffPersonResponse.From(person.Value));
    }

    public static Ok<PushConfigResponse> GetPushConfig(IOptions<VapidOptions> vapid) =>
        string.IsNullOrWhiteSpace(vapid.Value.PublicKey)
            ? throw UserProblems.PushNotConfigured.Exception()
            : TypedResults.Ok(new PushConfigResponse(vapid.Value.PublicKey.Trim()));
}
