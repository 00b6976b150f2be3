using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.Loans.Workflows;

/// <summary>Loads the workflow definitions when the host starts, so a broken file stops the service instead of the first application.</summary>
public sealed class WorkflowCatalogStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<WorkflowCatalog>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
