using System.Text.RegularExpressions;

namespace LoanPlatform.Architecture.Tests;

/// <summary>One HTTP operation, comparable across hosts: upper-case method and "/route" with bare parameter names.</summary>
public sealed partial record Operation
{
    public Operation(string method, string route)
    {
        Method = method.ToUpperInvariant();
        Route = NormalizeRoute(route);
    }

    public string Method { get; }

    public string Route { get; }

    /// <summary>"/loans/{loanId:guid}/", "loans/{**rest}" and "{id?}" all compare by their parameter name only.</summary>
    public static string NormalizeRoute(string route) =>
        "/" + Parameter().Replace(route.Trim('/'), "{$1}").ToLowerInvariant();

    public override string ToString() => $"{Method} {Route}";

    [GeneratedRegex(@"\{\*{0,2}([^}:?=]+)[^}]*\}")]
    private static partial Regex Parameter();
}
