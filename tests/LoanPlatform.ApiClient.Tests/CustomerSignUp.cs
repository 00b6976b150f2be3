using LoanPlatform.ApiClient.Tests.Generated.Users.Models;
using LoanPlatform.Testing.Platform;

namespace LoanPlatform.ApiClient.Tests;

/// <summary>
/// How a new customer gets an account through the generated client: registration answers 202 and emails a six-digit
/// code; verifying the code creates the account. Kept apart from the first-loan test so a change of the registration flow
/// changes only this step.
/// </summary>
public static class CustomerSignUp
{
    public static async Task<string> RegisterAsync(GeneratedClients anonymous, EmailInbox inbox, RegisterUserRequest registration)
    {
        var started = await anonymous.Users.Users.PostAsync(registration);
        if (started?.Status != "verificationSent")
        {
            throw new InvalidOperationException($"Registration answered '{started?.Status}', not 'verificationSent'.");
        }

        var code = await inbox.WaitForVerificationCodeAsync(registration.Email!);
        var verified = await anonymous.Users.Users.Verify.PostAsync(new VerifyRegistrationRequest { Email = registration.Email, Code = code });
        return verified?.UserId ?? throw new InvalidOperationException("Verification answered no userId.");
    }
}
