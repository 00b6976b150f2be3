using System.Text.RegularExpressions;

namespace LoanPlatform.BuildingBlocks.Correlation;

/// <summary>The correlation id that ties a client's request to every log, trace and audit record it causes.</summary>
public static partial class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";

    public const string ItemKey = "LoanPlatform.CorrelationId";

    private static readonly AsyncLocal<string?> current = new();

    /// <summary>
    /// The id of the request being handled, for what it causes beyond its own response (outbox events, and through them
    /// audit records); null outside a request. Set by <see cref="CorrelationIdMiddleware"/> in both hosts.
    /// </summary>
    public static string? Current
    {
        get => current.Value;
        internal set => current.Value = value;
    }

    /// <summary>A client-supplied id is kept only if it is short and plain; anything else could poison logs.</summary>
    public static bool IsAcceptable(string? value) => value is { Length: > 0 and <= 64 } && SafePattern().IsMatch(value);

    public static string NewId() => Guid.NewGuid().ToString("N");

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafePattern();
}
