using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Notifications.Scheduling;

/// <summary>The local host's counterpart of the release timer function: releases due pushes on an interval.</summary>
public sealed class ScheduledPushReleaseService(
    IServiceScopeFactory scopes,
    IOptions<ScheduledPushOptions> options,
    TimeProvider time,
    ILogger<ScheduledPushReleaseService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReleaseInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ScheduledPushes>().ReleaseDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Releasing scheduled pushes failed; trying again next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
