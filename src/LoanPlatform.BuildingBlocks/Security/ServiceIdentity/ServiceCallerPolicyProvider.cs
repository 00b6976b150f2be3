using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

/// <summary>Builds the policy of a <c>service-callers:a,b</c> name: a service token (its own scheme) from one of those callers.</summary>
public sealed class ServiceCallerPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        policyName.StartsWith(ServiceCallers.PolicyPrefix, StringComparison.Ordinal)
            ? For(ServiceCallers.Parse(policyName))
            : await base.GetPolicyAsync(policyName);

    public static AuthorizationPolicy For(IReadOnlyList<string> callers) => new AuthorizationPolicyBuilder(ServiceIdentityDefaults.Scheme)
        .RequireAuthenticatedUser()
        .AddRequirements(new ServiceCallerRequirement(callers))
        .Build();
}
