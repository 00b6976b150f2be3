namespace LoanPlatform.LocalHost.Services;

/// <summary>
/// The services of the local platform are hosts inside one process. Left to the default console lifetime, each would
/// swallow Ctrl+C and SIGTERM to stop only itself; this lifetime leaves signals to Program, which stops them in order.
/// </summary>
public sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
