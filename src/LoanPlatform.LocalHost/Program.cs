using LoanPlatform.LocalHost;

// The whole platform on one machine: gateway, Auth, Users and Loans services, the in-process Durable Task engine,
// embedded databases and a local document store, all under the data folder. No cloud account, no Docker.
await using var platform = await LocalPlatform.StartAsync(LocalPlatformSettings.FromArgs(args));
Console.WriteLine(platform.Describe());

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping LoanPlatform…");
}
