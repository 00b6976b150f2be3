using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.Auth.Extensions;

public static class Extensions
{
    public const string ServiceName = "auth";

    public static IHostApplicationBuilder AddAuthServices(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.SectionName));
        builder.AddDocumentStore(ServiceName);
        builder.Services.AddDocumentType<Credential>(AuthDocumentTypes.Credential);
        builder.Services.AddDocumentType<RefreshSession>(AuthDocumentTypes.RefreshSession);
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<SigningKeyProvider>();
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddScoped<CredentialService>();
        builder.Services.AddScoped<TokenService>();
        return builder;
    }
}
