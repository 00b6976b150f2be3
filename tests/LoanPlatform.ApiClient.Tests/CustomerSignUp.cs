using LoanPlatform.ApiClient.Tests.Generated.Users.Models;

namespace LoanPlatform.ApiClient.Tests;

/// <summary>
/// How a new customer gets an account through the generated client, kept apart from the first-loan test so a change of
/// the registration flow (for example a verification code by email before the account exists) changes only this step.
/// </summary>
public static class CustomerSignUp
{
    public static async Task<string> RegisterAsync(GeneratedClients anonymous, RegisterUserRequest registration)
    {
        var registered = await anonymous.Users.Users.PostAsync(registration);
        return registered?.UserId ?? throw new InvalidOperationException("Registration answered no userId.");
    }
}
