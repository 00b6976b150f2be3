using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.BuildingBlocks.Security;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated subject; endpoints that need one are already behind authorization, so absence is a 401.</summary>
    public static string GetSubject(this ClaimsPrincipal principal) =>
        principal.FindFirst(PlatformClaims.Subject)?.Value
        ?? throw CommonProblems.Unauthenticated.Exception();

    public static bool IsStaff(this ClaimsPrincipal principal) => PlatformRoles.Staff.Any(principal.IsInRole);

    public static IReadOnlyList<string> GetRoles(this ClaimsPrincipal principal) =>
        principal.FindAll(PlatformClaims.Roles).Select(c => c.Value).ToArray();
}
