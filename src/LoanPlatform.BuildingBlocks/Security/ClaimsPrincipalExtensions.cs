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

    /// <summary>When the token's holder last proved their password (auth_time), or null when the token does not say.</summary>
    public static DateTimeOffset? GetAuthTime(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(PlatformClaims.AuthTime)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>
    /// The key a staff member's person is kept under: the Entra object id for Entra staff (their subject is pairwise per
    /// app, so an Admin cannot look it up), the subject for the seeded local accounts, whose tokens have no object id.
    /// </summary>
    public static string GetStaffId(this ClaimsPrincipal principal) => principal.FindFirst(PlatformClaims.ObjectId)?.Value ?? principal.GetSubject();

    public static bool IsStaff(this ClaimsPrincipal principal) => PlatformRoles.Staff.Any(principal.IsInRole);

    public static IReadOnlyList<string> GetRoles(this ClaimsPrincipal principal) =>
        principal.FindAll(PlatformClaims.Roles).Select(c => c.Value).ToArray();
}
