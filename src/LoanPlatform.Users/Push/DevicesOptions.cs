namespace LoanPlatform.Users.Push;

/// <summary>The "Devices" configuration section: which push services a device endpoint may point at.</summary>
public sealed class DevicesOptions
{
    public const string SectionName = "Devices";

    /// <summary>The big browsers' push services; an endpoint's host must be one of these or a subdomain of one.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedPushHosts =
    [
        "fcm.googleapis.com",
        "updates.push.services.mozilla.com",
        "push.services.mozilla.com",
        "web.push.apple.com",
        "notify.windows.com",
    ];

    /// <summary>
    /// Hosts the server-side push sender may call. The allow-list is what stops a registered "device" from turning the
    /// sender into a request forwarder (SSRF). Left empty in configuration it becomes <see cref="DefaultAllowedPushHosts"/>
    /// (set after binding, so a configured list replaces the defaults rather than adding to them).
    /// </summary>
    public string[] AllowedPushHosts { get; set; } = [];

    /// <summary>Local testing only: also accept http or https endpoints on the loopback address (a local push endpoint).</summary>
    public bool AllowLoopbackPushEndpoints { get; set; }
}
