using System.Diagnostics;

namespace LoanPlatform.Testing;

/// <summary>Polls for something that happens in the background (an email, a push, a dead letter) until it shows up.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> ArrivesAsync<T>(Func<Task<T?>> probe, TimeSpan? timeout = null) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? DefaultTimeout))
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Nothing matching arrived within {(timeout ?? DefaultTimeout).TotalSeconds} seconds.");
    }

    public static Task<T> ArrivesAsync<T>(Func<T?> probe, TimeSpan? timeout = null) where T : class =>
        ArrivesAsync(() => Task.FromResult(probe()), timeout);
}
