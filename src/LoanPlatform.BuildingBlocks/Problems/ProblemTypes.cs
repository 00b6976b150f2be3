using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>
/// Where problem type pages are published, so every service writes the same absolute type URIs: under
/// <c>Problems:TypeBaseUri</c> when the deployment configures it (in Azure, the public gateway's /problems/), otherwise
/// under the public origin the request came through (locally, the gateway's own /problems/{code}).
/// </summary>
public static class ProblemTypes
{
    public const string PagePath = "/problems/";
    public const string BaseUriKey = "Problems:TypeBaseUri";

    /// <summary>
    /// The origin-relative address of a type's page: what a problem carries until it is written, when
    /// <see cref="ProblemDetailsExtensions.AddPlatformProblemDetails"/> makes it absolute with <see cref="Absolute"/>.
    /// </summary>
    public static string Uri(string code) => PagePath + code;

    public static string BaseUri(HttpContext context)
    {
        var configured = context.RequestServices.GetService<IConfiguration>()?[BaseUriKey];
        return string.IsNullOrWhiteSpace(configured)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{PagePath}"
            : configured.TrimEnd('/') + "/";
    }

    public static string Absolute(HttpContext context, string code) => BaseUri(context) + code;

    /// <summary>The code a problem's type names: ours (relative or absolute), else the catalogued type of its status.</summary>
    public static string CodeOf(string? type, int? status)
    {
        var marker = type is null ? -1 : type.LastIndexOf(PagePath, StringComparison.Ordinal);
        return marker >= 0 ? type![(marker + PagePath.Length)..] : Catalog.CommonProblems.ForStatus(status ?? 500).Code;
    }
}
