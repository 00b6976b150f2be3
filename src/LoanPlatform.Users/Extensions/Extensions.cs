using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Users.Apis;
using LoanPlatform.Users.Auth;
using LoanPlatform.Users.Kyc;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Push;
using LoanPlatform.Users.Services;
using LoanPlatform.Users.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;

namespace LoanPlatform.Users.Extensions;

public static class Extensions
{
    public const string ServiceName = "users";

    /// <summary>
    /// Everything the Users service needs: its document store and types, the document object store Documents:Provider names,
    /// the Auth internal client and the services behind the endpoints.
    /// Reads Data:Path, DocumentStore:*, Documents:*, Kyc:*, Devices:*, Push:Vapid:PublicKey, Services:Auth:InternalUrl and
    /// Services:Audit:InternalUrl (where committed changes are audited in Azure; locally they go to the shared trail).
    /// </summary>
    public static IHostApplicationBuilder AddUsersServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        builder.AddDocumentStore(ServiceName);
        services.AddDocumentType<UserProfile>(UserDocumentTypes.Profile);
        services.AddDocumentType<UniqueClaim>(UserDocumentTypes.UniqueClaim);
        services.AddDocumentType<UserDocument>(UserDocumentTypes.Document);
        services.AddDocumentType<ErasureRecord>(UserDocumentTypes.ErasureRecord);
        services.AddDocumentType<PushDevice>(UserDocumentTypes.PushDevice);
        services.AddDocumentType<StaffPerson>(UserDocumentTypes.StaffPerson);
        services.AddDocumentType<PendingRegistration>(UserDocumentTypes.PendingRegistration);
        // Every aggregate a change is written to carries its events; each is audited as a change of /users/{subject}.
        builder.AddOutbox<UserProfile>();
        builder.AddOutbox<UserDocument>();
        builder.AddOutbox<PushDevice>();
        builder.AddOutbox<ErasureRecord>();
        builder.AddOutbox<StaffPerson>();
        builder.AddOutbox<PendingRegistration>();
        services.AddChangeAudit(builder.Configuration, "/users");

        services.AddDocumentObjectStore(builder.Configuration, Path.Combine(builder.Configuration["Data:Path"] ?? ".data", ServiceName));

        // Creating a credential is not idempotent: a blind retry after a lost response would look like a taken email,
        // so this client keeps the standard timeouts and circuit breaker but retries only safe methods.
        // RemoveAllResilienceHandlers is marked experimental; it is the only way to replace the handler the service
        // defaults add to every client, and a registration-time call is easy to revisit if it changes.
#pragma warning disable EXTEXP0001
        services.AddInternalApiClient<AuthCredentialsClient>(AuthCredentialsClient.BaseAddressKey, builder.Configuration)
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
#pragma warning restore EXTEXP0001

        services.AddOptions<DevicesOptions>()
            .Bind(builder.Configuration.GetSection(DevicesOptions.SectionName))
            .PostConfigure(options => options.AllowedPushHosts = options.AllowedPushHosts is { Length: > 0 } hosts ? hosts : [.. DevicesOptions.DefaultAllowedPushHosts]);
        // A key browsers cannot use would only fail later, in every customer's browser; refuse to start with one.
        services.AddOptions<VapidOptions>()
            .Bind(builder.Configuration.GetSection(VapidOptions.SectionName))
            .Validate(options => string.IsNullOrWhiteSpace(options.PublicKey) || P256PublicKeys.IsValidBase64Url(options.PublicKey),
                $"{VapidOptions.SectionName}:PublicKey must be base64url of an uncompressed P-256 public key.")
            .ValidateOnStart();

        services.AddKycProvider(builder.Configuration);
        services.AddAuthorizationBuilder()
            .AddPolicy(UsersApi.KycReviewersPolicy, policy => policy.RequireRole([.. PlatformRoles.Deciders, PlatformRoles.Admin]))
            .AddPolicy(UsersApi.AdminsPolicy, policy => policy.RequireRole(PlatformRoles.Admin));

        services.AddSingleton<UniqueClaims>();
        services.AddScoped<UserProfiles>();
        services.AddScoped<UserDocuments>();
        services.AddScoped<UserDevices>();
        services.AddScoped<UserEligibility>();
        services.AddScoped<UserContacts>();
        services.AddScoped<UserRegistration>();
        services.AddScoped<UserDataExport>();
        services.AddScoped<UserErasure>();
        services.AddScoped<CustomerKyc>();
        services.AddScoped<StaffPeople>();
        return builder;
    }
}
