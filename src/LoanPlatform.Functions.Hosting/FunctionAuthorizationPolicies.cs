using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Functions.Hosting;

/// <summary>
/// The authorization policy of each function, combined from the [Authorize]/[AllowAnonymous] attributes on its method and
/// class exactly as ASP.NET Core combines endpoint metadata. Null means anonymous ([AllowAnonymous]); a function that says
/// nothing gets the fallback policy (an authenticated caller), as an endpoint without metadata does locally.
/// </summary>
public sealed class FunctionAuthorizationPolicies(IAuthorizationPolicyProvider policyProvider)
{
    private readonly ConcurrentDictionary<string, Task<AuthorizationPolicy?>> _byEntryPoint = new(StringComparer.Ordinal);

    public Task<AuthorizationPolicy?> GetAsync(FunctionDefinition function) =>
        _byEntryPoint.GetOrAdd(function.EntryPoint, _ => CombineAsync(FindMethod(function)));

    public async Task<AuthorizationPolicy?> CombineAsync(MethodInfo method)
    {
        var attributes = method.GetCustomAttributes(inherit: true).Concat(method.DeclaringType!.GetCustomAttributes(inherit: true)).ToArray();
        if (attributes.OfType<IAllowAnonymous>().Any())
        {
            return null;
        }

        var authorize = attributes.OfType<IAuthorizeData>().ToArray();
        return authorize.Length == 0
            ? await policyProvider.GetFallbackPolicyAsync()
            : await AuthorizationPolicy.CombineAsync(policyProvider, authorize);
    }

    private static MethodInfo FindMethod(FunctionDefinition function)
    {
        // EntryPoint is "Namespace.Type.Method" in the assembly at PathToAssembly, found the way the worker finds it.
        var split = function.EntryPoint.LastIndexOf('.');
        var type = AssemblyLoadContext.Default.LoadFromAssemblyPath(function.PathToAssembly).GetType(function.EntryPoint[..split], throwOnError: true)!;
        return type.GetMethod(function.EntryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new InvalidOperationException($"Function entry point {function.EntryPoint} was not found.");
    }
}
