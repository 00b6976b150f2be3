using LoanPlatform.Testing.Fcm;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>A native app's device registration body, with a token as the Firebase SDK hands one out.</summary>
public static class FcmTokens
{
    public static string New() => FcmStandIn.NewRegistrationToken();

    public static object Body(string token, string platform = "android", string? label = "Pixel 8") => new { type = "fcm", token, platform, label };
}
