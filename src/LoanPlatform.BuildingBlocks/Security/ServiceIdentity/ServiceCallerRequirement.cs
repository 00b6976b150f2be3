using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

/// <summary>The validated service token's caller is one of <see cref="Callers"/>.</summary>
public sealed record ServiceCallerRequirement(IReadOnlyList<string> Callers) : IAuthorizationRequirement
{
    public override string ToString() => $"ServiceCaller in [{string.Join(", ", Callers)}]";
}

/// <summary>
/// Who called, from what the token proves: locally the subject, which the validator binds to the signing key's id
/// (each service signs with its own key); in Azure the caller whose managed identity's object id the token carries.
/// </summary>
public sealed class ServiceCallerHandler(IOptions<ServiceIdentityOptions> options) : AuthorizationHandler<ServiceCallerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ServiceCallerRequirement requirement)
    {
        if (ServiceCallerIdentity.CallerOf(context.User, options.Value) is { } caller && requirement.Callers.Contains(caller))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
