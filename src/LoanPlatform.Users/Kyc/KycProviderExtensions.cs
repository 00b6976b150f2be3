using LoanPlatform.Users.Kyc.Verihubs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace LoanPlatform.Users.Kyc;

public static class KycProviderExtensions
{
    /// <summary>The e-KYC provider Kyc:Provider names: Manual (the default) or Verihubs, which needs Kyc:Verihubs:AppId and ApiKey.</summary>
    public static IServiceCollection AddKycProvider(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KycOptions>()
            .Bind(configuration.GetSection(KycOptions.SectionName))
            .Validate(options => options.Provider != KycProviderKind.Verihubs
                    || (!string.IsNullOrWhiteSpace(options.Verihubs.AppId) && !string.IsNullOrWhiteSpace(options.Verihubs.ApiKey)),
                $"{KycOptions.SectionName}:Provider Verihubs needs {KycOptions.SectionName}:Verihubs:AppId and ApiKey.")
            .Validate(options => options.Verihubs is { FaceMismatchBelow: >= 0, FaceMatchThreshold: <= 100 } verihubs && verihubs.FaceMismatchBelow <= verihubs.FaceMatchThreshold,
                $"{KycOptions.SectionName}:Verihubs needs 0 <= FaceMismatchBelow <= FaceMatchThreshold <= 100.")
            .ValidateOnStart();
        if (configuration.GetSection(KycOptions.SectionName).Get<KycOptions>()?.Provider == KycProviderKind.Verihubs)
        {
            // Each call is billed and 429 asks for a ~10 s pause: no blind retries; the adapter's own timeout bounds the wait.
#pragma warning disable EXTEXP0001
            services.AddHttpClient<IKycProvider, VerihubsKycProvider>()
                .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        }
        else
        {
            services.AddSingleton<IKycProvider, ManualKycProvider>();
        }

        return services;
    }
}
