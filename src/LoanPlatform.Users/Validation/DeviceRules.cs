using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Push;

namespace LoanPlatform.Users.Validation;

/// <summary>Checks a device registration by its type: a browser's Web Push subscription (the default) or a native app's FCM token.</summary>
public static class DeviceRules
{
    public static ValidDevice Validate(RegisterDeviceRequest request, DevicesOptions options)
    {
        new RequestValidation()
            .Require(request.Type is null or PushDeviceTypes.WebPush or PushDeviceTypes.Fcm,
                "type", $"Type must be \"{PushDeviceTypes.WebPush}\" (the default) or \"{PushDeviceTypes.Fcm}\".")
            .ThrowIfInvalid();
        return request.Type == PushDeviceTypes.Fcm ? FcmTokenRules.Validate(request) : PushSubscriptionRules.Validate(request, options);
    }
}
