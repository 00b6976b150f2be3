using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

namespace LoanPlatform.Gateway;

/// <summary>The gateway is ready when every service behind it says it is ready.</summary>
public sealed class ServiceReadinessCheck(IHttpClientFactory httpClients, IConfiguration configuration, IServiceTokenProvider tokens) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        using var http = httpClients.CreateClient(nameof(ServiceReadinessCheck));
        http.Timeout = TimeSpan.FromSeconds(5);
        // The services answer only requests the gateway vouches for, probes included.
        http.DefaultRequestHeaders.TryAddWithoutValidation(ServiceIdentityDefaults.GatewayProofHeader, "Bearer " + await tokens.GetTokenAsync(cancellationToken));
        var failing = new List<string>();
        foreach (var (service, address) in options.Services)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(new Uri(address), "/health/ready"), cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    failing.Add(service);
                }
            }
            catch (HttpRequestException)
            {
                failing.Add(service);
            }
        }

        return failing.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"Not ready: {string.Join(", ", failing)}");
    }
}
