using System.Security.Claims;

namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

public static class ServiceCallerIdentity
{
    /// <summary>The caller name a validated service token proves, or null when it names no known caller.</summary>
    public static string? CallerOf(ClaimsPrincipal user, ServiceIdentityOptions options)
    {
        if (user.Identity?.IsAuthenticated != true || user.Identity.AuthenticationType is null)
        {
            return null;
        }

        if (options.Mode == ServiceIdentityMode.ManagedIdentity)
        {
            var objectId = user.FindFirst(PlatformClaims.ObjectId)?.Value;
            return objectId is null ? null : options.Callers.FirstOrDefault(c => string.Equals(c.Value, objectId, StringComparison.OrdinalIgnoreCase)).Key;
        }

        var subject = user.FindFirst(PlatformClaims.Subject)?.Value;
        return subject is not null && ServiceCallers.All.Contains(subject) ? subject : null;
    }
}
