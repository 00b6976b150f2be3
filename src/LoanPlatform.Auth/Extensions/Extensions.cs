using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.Auth.Signing;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.Auth.Extensions;

public static class Extensions
{
    public const string ServiceName = "auth";

    /// <summary>Every change leaving Auth's outbox is audited as a change of /auth/accounts/{user id}.</summary>
    public const string AuditResourcePrefix = "/auth/accounts";

    public static IHostApplicationBuilder AddAuthServices(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.SectionName));
        builder.AddDocumentStore(ServiceName);
        builder.Services.AddDocumentType<Credential>(AuthDocumentTypes.Credential);
        builder.Services.AddDocumentType<RefreshSession>(AuthDocumentTypes.RefreshSession);
        builder.AddOutbox<Credential>();
        // A session carries its own outbox too: a reuse revocation is a session write.
        builder.AddOutbox<RefreshSession>();
        builder.Services.AddChangeAudit(builder.Configuration, AuditResourcePrefix);
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<PasswordPolicy>();
        builder.AddSigningKeys();
        // Configure, not PostConfigure: it must be set before JwtBearer looks for a metadata address.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<ISigningKeySet, IOptions<JwtOptions>>((bearer, keys, jwt) => bearer.ConfigurationManager = new OwnKeysConfigurationManager(keys, jwt.Value.Issuer));
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddScoped<CredentialService>();
        builder.Services.AddScoped<TokenService>();
        return builder;
    }

    /// <summary>Key Vault when Auth:SigningKey:KeyVaultUri and KeyName are set (Azure), the local key folder otherwise.</summary>
    private static void AddSigningKeys(this IHostApplicationBuilder builder)
    {
        var signing = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>()?.SigningKey ?? new SigningKeyOptions();
        if (signing.UsesKeyVault)
        {
            // The managed identity registered by the service-identity setup, when there is one; AZURE_CLIENT_ID otherwise.
            builder.Services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
            builder.Services.AddHttpClient(KeyVaultSigningKeySet.HttpClientName);
            builder.Services.AddSingleton<ISigningKeySet, KeyVaultSigningKeySet>();
        }
        else
        {
            builder.Services.AddSingleton<LocalSigningKeySet>();
            builder.Services.AddSingleton<ISigningKeySet>(services => services.GetRequiredService<LocalSigningKeySet>());
        }
    }
}
