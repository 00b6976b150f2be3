namespace LoanPlatform.Testing.Platform;

/// <summary>
/// For drills and benchmarks that register and sign in far more often, from one address, than people would: the gateway's
/// limits and the password-hash cost are production settings measured by tests of their own, not what these runs are about.
/// </summary>
public static class UnthrottledSettings
{
    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>
    {
        ["Auth:PasswordHashIterations"] = "1000",
        ["Gateway:AnonymousPerIpPerMinute"] = "1000000",
        ["Gateway:LoginPerIpPerMinute"] = "1000000",
        ["Gateway:LoginPerAccountPerMinute"] = "1000000",
        ["Gateway:PerUserPerMinute"] = "1000000",
    };

    /// <summary>These settings with <paramref name="more"/> on top.</summary>
    public static Dictionary<string, string?> With(IEnumerable<KeyValuePair<string, string?>> more)
    {
        var settings = new Dictionary<string, string?>(Values);
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }
}
