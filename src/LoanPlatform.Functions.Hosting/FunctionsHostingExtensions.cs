using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.Functions.Hosting;

public static class FunctionsHostingExtensions
{
    /// <summary>
    /// The request pipeline of the local services, for HTTP functions, in the same order: errors as problem details,
    /// security headers, correlation id, the gateway's proof, then authentication and authorization. Call after
    /// AddPlatformAuthentication.
    /// </summary>
    public static FunctionsApplicationBuilder UsePlatformFunctionsPipeline(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<FunctionAuthorizationPolicies>();
        builder.UseMiddleware<ProblemDetailsMiddleware>();
        builder.UseMiddleware<SecurityHeadersFunctionsMiddleware>();
        builder.UseMiddleware<CorrelationMiddleware>();
        builder.UseMiddleware<GatewayProofFunctionsMiddleware>();
        builder.UseMiddleware<AuthenticationMiddleware>();
        return builder;
    }
}
