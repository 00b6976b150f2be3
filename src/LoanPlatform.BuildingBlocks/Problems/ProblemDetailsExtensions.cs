using LoanPlatform.BuildingBlocks.Correlation;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Problems;

public static class ProblemDetailsExtensions
{
    /// <summary>
    /// RFC 7807 bodies for every error, each carrying the correlation id so support can find the request, and a type
    /// from the catalog under the deployment's own /problems/ base, even for answers given by status alone.
    /// </summary>
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddSingleton<UndeclaredProblems>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var httpContext = context.HttpContext;
            var problem = context.ProblemDetails;
            if (httpContext.Items[CorrelationId.ItemKey] is string correlationId)
            {
                problem.Extensions["correlationId"] = correlationId;
            }

            var code = ProblemTypes.CodeOf(problem.Type, problem.Status);
            if (!(problem.Type ?? "").Contains(ProblemTypes.PagePath, StringComparison.Ordinal))
            {
                // An answer by status alone (UseStatusCodePages, a bare 401/403) gets the catalogued type and its title.
                problem.Title = ProblemCatalog.Find(code)?.Title ?? problem.Title;
            }

            problem.Type = ProblemTypes.Absolute(httpContext, code);
            problem.Instance ??= httpContext.Request.Path;
            httpContext.RequestServices.GetService<UndeclaredProblems>()?.Check(httpContext, code);
        });
        services.AddExceptionHandler<PlatformExceptionHandler>();
        return services;
    }
}
