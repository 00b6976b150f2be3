using System.Diagnostics;

namespace LoanPlatform.Testing.Platform;

/// <summary>For benchmarks that share one process with the platform: a measurement starts only once the work earlier
/// steps left behind (the audit drainer, notifications, the outbox) is done, so one run never pays for another's.</summary>
public static class ProcessIdle
{
    /// <summary>Waits (at most 30 s) until the process used under a tenth of a core over a quarter of a second.</summary>
    public static async Task SettleAsync()
    {
        var window = TimeSpan.FromMilliseconds(250);
        for (var watch = Stopwatch.StartNew(); watch.Elapsed < TimeSpan.FromSeconds(30);)
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(window);
            if (Process.GetCurrentProcess().TotalProcessorTime - before < window / 10)
            {
                return;
            }
        }
    }
}
