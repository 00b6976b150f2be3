using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;

namespace LoanPlatform.Gateway;

/// <summary>The gateway is ready when every service behind it says it is ready.</summary>
public sealed class ServiceReadinessCheck(IHttpClientFactory httpClients, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        using var http = httpClients.CreateClient(nameof(ServiceReadinessCheck));
        http.Timeout = TimeSpan.FromSeconds(5);
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
