using System.Buffers;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Validation;

/// <summary>Checks a native app's FCM registration, reporting every bad field in one 400 problem.</summary>
public static class FcmTokenRules
{
    public const int TokenMax = 4096;

    public static readonly IReadOnlyList<string> Platforms = ["android", "ios"];

    // What FCM registration tokens are made of; anything else is not a token and is kept out of the store and the URL-free logs.
    private static readonly SearchValues<char> TokenCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:-");

    public static ValidDevice Validate(RegisterDeviceRequest request)
    {
        var validation = new RequestValidation();
        var token = request.Token?.Trim();
        validation.Require(token is { Length: > 0 and <= TokenMax } && !token.AsSpan().ContainsAnyExcept(TokenCharacters),
            "token", $"Token must be an FCM registration token: 1 to {TokenMax} characters of letters, digits, '_', ':' and '-'.");

        var platform = request.Platform?.Trim();
        validation.Require(platform is not null && Platforms.Contains(platform), "platform", "Platform must be \"android\" or \"ios\".");

        var label = DeviceLabelRules.Validate(request.Label, validation);
        validation.ThrowIfInvalid();
        return new ValidDevice(PushDeviceTypes.Fcm, PushDeviceIds.OfFcmToken(token!), null, null, null, token, platform, label);
    }
}
