namespace LoanPlatform.Auth.Tests.Support;

/// <summary>A clock the test moves by hand, so lockouts and token lifetimes are tested without waiting.</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
