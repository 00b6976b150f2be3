using System.Buffers.Text;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Push;

namespace LoanPlatform.Users.Validation;

/// <summary>Checks a browser's Web Push subscription, reporting every bad field in one 400 problem.</summary>
public static class PushSubscriptionRules
{
    public const int EndpointMax = 2048;
    public const int AuthSecretLength = 16;

    public static ValidDevice Validate(RegisterDeviceRequest request, DevicesOptions options)
    {
        var validation = new RequestValidation();
        var endpoint = request.Endpoint?.Trim();
        Endpoint(validation, endpoint, options.AllowLoopbackPushEndpoints, options.AllowedPushHosts);

        var p256dh = request.Keys?.P256dh?.Trim();
        validation.Require(P256PublicKeys.IsValidBase64Url(p256dh), "keys.p256dh", "The p256dh key must be base64url of an uncompressed P-256 public key (65 bytes).");

        var auth = request.Keys?.Auth?.Trim();
        validation.Require(auth is not null && Base64Url.IsValid(auth, out var authLength) && authLength == AuthSecretLength,
            "keys.auth", $"The auth secret must be base64url of {AuthSecretLength} bytes.");

        var label = DeviceLabelRules.Validate(request.Label, validation);

        validation.ThrowIfInvalid();
        return new ValidDevice(PushDeviceTypes.WebPush, PushDeviceIds.OfEndpoint(endpoint!), endpoint, p256dh, auth, null, null, label);
    }

    /// <summary>
    /// The push sender will POST to this URL from inside the platform, so it must be a known push service over https
    /// (its host or a subdomain, default port, no credentials), or, when enabled for local testing, a loopback address.
    /// </summary>
    private static void Endpoint(RequestValidation validation, string? value, bool allowLoopback, IReadOnlyList<string> allowedHosts)
    {
        if (value is not { Length: > 0 and <= EndpointMax } || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            validation.Add("endpoint", $"Endpoint must be an absolute URL of at most {EndpointMax} characters.");
            return;
        }

        var pushService = uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && uri.UserInfo.Length == 0 && IsAllowedHost(uri.IdnHost, allowedHosts);
        var loopback = allowLoopback && uri.Scheme is "http" or "https" && uri.IsLoopback;
        validation.Require(pushService || loopback, "endpoint", "Endpoint must be an https URL of a supported push service.");
    }

    private static bool IsAllowedHost(string host, IReadOnlyList<string> allowedHosts) =>
        allowedHosts.Any(allowed => host.Equals(allowed, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + allowed, StringComparison.OrdinalIgnoreCase));
}
