using System.Security.Claims;

namespace LoanPlatform.Console.Identity;

/// <summary>The signed-in officer's access token for the public API: from the local Auth service, or from Entra ID.</summary>
public interface IStaffTokenSource
{
    /// <exception cref="SignInRequiredException">The officer's session is gone (expired, revoked, or the console restarted).</exception>
    Task<string> GetAccessTokenAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
