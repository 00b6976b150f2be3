using LoanPlatform.Functions.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Architecture.Tests;

/// <summary>Routes are declared twice (minimal APIs locally, HTTP triggers in Azure); these keep the two the same.</summary>
public sealed class RouteParityTests(LocalPlatformFixture local) : IClassFixture<LocalPlatformFixture>
{
    [Fact]
    public void Every_local_service_operation_has_an_http_function_and_no_function_is_extra()
    {
        var localOperations = local.ServiceOperations().Select(o => o.Operation.ToString()).Order().ToArray();
        var functionOperations = FunctionApps.HttpOperations().Select(o => o.Operation.ToString()).Order().ToArray();

        Assert.NotEmpty(localOperations);
        Assert.Equal(localOperations, functionOperations);
    }

    [Fact]
    public void Each_http_function_is_named_like_the_minimal_api_endpoint_of_its_route()
    {
        var localNames = local.ServiceOperations()
            .ToDictionary(o => o.Operation.ToString(), o => o.Endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName);

        foreach (var function in FunctionApps.HttpOperations())
        {
            Assert.True(localNames.TryGetValue(function.Operation.ToString(), out var localName), $"{function.Operation} has no local endpoint.");
            Assert.Equal(localName, function.Name);
        }
    }

    [Fact]
    public async Task Each_http_function_requires_the_same_authorization_as_its_minimal_api_endpoint()
    {
        var functions = FunctionApps.HttpOperations().ToDictionary(f => f.Operation.ToString(), f => f.Method);
        foreach (var (services, endpoint, operation) in local.ServiceOperations())
        {
            var policyProvider = services.GetRequiredService<IAuthorizationPolicyProvider>();
            // As the authorization middleware decides: anonymous, the endpoint's own policy, or else the fallback.
            var localPolicy = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                ? null
                : await AuthorizationPolicy.CombineAsync(
                    policyProvider, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
                    ?? await policyProvider.GetFallbackPolicyAsync();
            var functionPolicy = await new FunctionAuthorizationPolicies(policyProvider).CombineAsync(functions[operation.ToString()]);

            Assert.True(Describe(localPolicy) == Describe(functionPolicy), $"{operation}: local {Describe(localPolicy)}, function {Describe(functionPolicy)}");
        }
    }

    [Fact]
    public async Task A_function_that_says_nothing_about_access_requires_an_authenticated_caller()
    {
        var services = local.ServiceOperations().First().Services;
        var policy = await new FunctionAuthorizationPolicies(services.GetRequiredService<IAuthorizationPolicyProvider>())
            .CombineAsync(typeof(UnmarkedFunction).GetMethod(nameof(UnmarkedFunction.Run))!);

        Assert.NotNull(policy);
        Assert.Contains(policy.Requirements, requirement => requirement is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
    }

    /// <summary>A function someone forgot to mark: neither [Authorize] nor [AllowAnonymous].</summary>
    private sealed class UnmarkedFunction
    {
        public static void Run()
        {
        }
    }

    private static string Describe(AuthorizationPolicy? policy) => policy is null
        ? "anonymous"
        : $"schemes [{string.Join(", ", policy.AuthenticationSchemes.Order())}] requirements [{string.Join("; ", policy.Requirements.Select(r => r.ToString()).Distinct().Order())}]";
}
