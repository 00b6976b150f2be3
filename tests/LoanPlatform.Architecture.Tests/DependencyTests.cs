using System.Reflection;

namespace LoanPlatform.Architecture.Tests;

/// <summary>Dependencies point one way: hosts → service libraries → building blocks.</summary>
public sealed class DependencyTests
{
    private const string BuildingBlocks = "LoanPlatform.BuildingBlocks";
    private const string FunctionsHosting = "LoanPlatform.Functions.Hosting";

    private static readonly Assembly[] ServiceLibraries =
    [
        typeof(Auth.Apis.AuthApi).Assembly,
        typeof(Users.Apis.UsersApi).Assembly,
        typeof(Loans.Apis.LoansApi).Assembly,
    ];

    [Fact]
    public void No_service_library_references_another_or_a_host()
    {
        foreach (var library in ServiceLibraries)
        {
            Assert.Equal([BuildingBlocks], PlatformReferences(library));
        }
    }

    [Fact]
    public void Each_function_app_references_only_its_own_service_library_and_the_shared_blocks()
    {
        foreach (var app in FunctionApps.Assemblies)
        {
            var ownLibrary = app.GetName().Name![..^".Functions".Length];
            Assert.Equal(new[] { BuildingBlocks, FunctionsHosting, ownLibrary }.Order(), PlatformReferences(app));
        }
    }

    [Fact]
    public void The_shared_blocks_reference_no_service()
    {
        Assert.Empty(PlatformReferences(typeof(BuildingBlocks.Problems.ProblemException).Assembly));
        Assert.Equal([BuildingBlocks], PlatformReferences(typeof(Functions.Hosting.FunctionAuthorizationPolicies).Assembly));
    }

    [Fact]
    public void The_officer_console_references_no_service_library_store_or_building_block()
    {
        // It knows the platform only through the public API, over HTTP, with the officer's token: no side door.
        Assert.Empty(PlatformReferences(typeof(Console.ConsoleHosting).Assembly));
    }

    private static string[] PlatformReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("LoanPlatform.", StringComparison.Ordinal)).Order().ToArray();
}
