using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace LoanPlatform.Functions.Hosting;

/// <summary>The security headers of <see cref="SecurityHeadersMiddleware"/> on every HTTP function's answer.</summary>
internal sealed class SecurityHeadersFunctionsMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } httpContext)
        {
            SecurityHeadersMiddleware.Apply(httpContext);
        }

        return next(context);
    }
}
