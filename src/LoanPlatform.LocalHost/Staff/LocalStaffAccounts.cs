using LoanPlatform.Auth.Services;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.LocalHost.Staff;

/// <summary>
/// The seeded staff of the local platform, each a person with a NIK, email and phone of their own (none a customer's).
/// They exist only here: in Azure, staff sign in with Entra ID and their app roles, an Admin links each to their person,
/// and no code path of the Function apps creates them.
/// </summary>
public static class LocalStaffAccounts
{
    public static readonly IReadOnlyList<LocalStaffAccount> All =
    [
        new("officer1@staff.local", "staff-officer1", PlatformRoles.LoanOfficer, "3273011203850001", "+628110000011"),
        new("officer2@staff.local", "staff-officer2", PlatformRoles.LoanOfficer, "3273011203850002", "+628110000012"),
        new("senior@staff.local", "staff-senior", PlatformRoles.SeniorLoanOfficer, "3273011203850003", "+628110000013"),
        new("auditor@staff.local", "staff-auditor", PlatformRoles.Auditor, "3273011203850004", "+628110000014"),
        new("admin@staff.local", "staff-admin", PlatformRoles.Admin, "3273011203850005", "+628110000015"),
    ];

    private static readonly ChangeActor Seeder = ChangeActor.System("local-staff-seed");

    public static async Task SeedAsync(IServiceProvider authServices, string password, CancellationToken cancellationToken)
    {
        await using var scope = authServices.CreateAsyncScope();
        var credentials = scope.ServiceProvider.GetRequiredService<CredentialService>();
        foreach (var account in All)
        {
            await credentials.EnsureStaffAsync(account.UserId, account.Email, password, [account.Role], cancellationToken);
        }
    }

    /// <summary>Links each account to its person in the Users service, as an Admin does for Entra staff.</summary>
    public static async Task SeedPeopleAsync(IServiceProvider usersServices, CancellationToken cancellationToken)
    {
        await using var scope = usersServices.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<StaffPeople>();
        foreach (var account in All)
        {
            await people.EnsureLinkedAsync(account.UserId, new StaffPersonRequest(account.Nik, account.Email, account.Phone), Seeder, cancellationToken);
        }
    }
}

/// <summary>A seeded local staff account and the person behind it.</summary>
public sealed record LocalStaffAccount(string Email, string UserId, string Role, string Nik, string Phone);
