using System.Runtime.InteropServices;
using LoanPlatform.LocalHost;

// The whole platform on one machine: gateway, Auth, Users and Loans services, the in-process Durable Task engine,
// embedded databases and a local document store, all under the data folder. No cloud account, no Docker.
await using var platform = await LocalPlatform.StartAsync(LocalPlatformSettings.FromArgs(args));
Console.WriteLine(platform.Describe());

using var stop = new CancellationTokenSource();
void RequestStop(PosixSignalContext signal)
{
    // Handled here so the platform stops in order (gateway first, engine last) and loses nothing.
    signal.Cancel = true;
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping LoanPlatform…");
}
