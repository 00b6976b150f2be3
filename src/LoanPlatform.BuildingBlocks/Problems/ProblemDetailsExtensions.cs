using LoanPlatform.BuildingBlocks.Correlation;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Problems;

public static class ProblemDetailsExtensions
{
    /// <summary>RFC 7807 bodies for every error, each carrying the correlation id so support can find the request.</summary>
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.HttpContext.Items[CorrelationId.ItemKey] is string correlationId)
            {
                context.ProblemDetails.Extensions["correlationId"] = correlationId;
            }

            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<PlatformExceptionHandler>();
        return services;
    }
}
