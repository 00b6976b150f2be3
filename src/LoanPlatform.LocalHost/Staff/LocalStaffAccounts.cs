using LoanPlatform.Auth.Services;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.LocalHost.Staff;

/// <summary>
/// The seeded staff of the local platform. They exist only here: in Azure, staff sign in with Entra ID and their
/// app roles, and no code path of the Function apps creates them.
/// </summary>
public static class LocalStaffAccounts
{
    public static readonly IReadOnlyList<(string Email, string UserId, string Role)> All =
    [
        ("officer1@staff.local", "staff-officer1", PlatformRoles.LoanOfficer),
        ("officer2@staff.local", "staff-officer2", PlatformRoles.LoanOfficer),
        ("senior@staff.local", "staff-senior", PlatformRoles.SeniorLoanOfficer),
        ("auditor@staff.local", "staff-auditor", PlatformRoles.Auditor),
        ("admin@staff.local", "staff-admin", PlatformRoles.Admin),
    ];

    public static async Task SeedAsync(IServiceProvider authServices, string password, CancellationToken cancellationToken)
    {
        await using var scope = authServices.CreateAsyncScope();
        var credentials = scope.ServiceProvider.GetRequiredService<CredentialService>();
        foreach (var (email, userId, role) in All)
        {
            await credentials.EnsureStaffAsync(userId, email, password, [role], cancellationToken);
        }
    }
}
