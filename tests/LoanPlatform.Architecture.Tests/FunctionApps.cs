using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Architecture.Tests;

/// <summary>The three Function apps, read by reflection the way the Functions SDK reads them to build its metadata.</summary>
public static class FunctionApps
{
    public static readonly IReadOnlyList<Assembly> Assemblies =
    [
        typeof(Auth.Functions.AuthFunctions).Assembly,
        typeof(Users.Functions.UsersFunctions).Assembly,
        typeof(Loans.Functions.LoansFunctions).Assembly,
    ];

    public static IEnumerable<(string Name, MethodInfo Method)> Functions() =>
        from assembly in Assemblies
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null
        select (function.Name, method);

    /// <summary>The API's HTTP functions; health probes are platform plumbing, compared on neither side.</summary>
    public static IEnumerable<(string Name, MethodInfo Method, Operation Operation)> HttpOperations() =>
        from function in Functions()
        from trigger in TriggersOf<HttpTriggerAttribute>(function.Method)
        where !(trigger.Route ?? "").StartsWith("health/", StringComparison.Ordinal)
        from method in trigger.Methods ?? []
        select (function.Name, function.Method, new Operation(method, trigger.Route ?? function.Name));

    public static IEnumerable<T> TriggersOf<T>(MethodInfo method)
        where T : Attribute =>
        method.GetParameters().SelectMany(p => p.GetCustomAttributes<T>());

    /// <summary>The functions.metadata the build wrote for a service's app (the Functions host indexes it), one node per function.</summary>
    public static System.Text.Json.Nodes.JsonArray Metadata(string service)
    {
        var output = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar + "tests" + Path.DirectorySeparatorChar)[0];
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var metadata = Path.Combine(output, "src", $"LoanPlatform.{service}.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(metadata), $"{metadata} was not built");
        return System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(metadata))!.AsArray();
    }
}
