using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Functions.Hosting;

/// <summary>
/// The Functions counterpart of UseExceptionHandler: the worker does not run ASP.NET Core middleware, so what a handler
/// throws is handed to the same exception handlers (PlatformExceptionHandler) and answered with the same problem details.
/// </summary>
internal sealed class ProblemDetailsMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false } httpContext)
        {
            httpContext.Response.Clear();
            foreach (var handler in httpContext.RequestServices.GetServices<IExceptionHandler>())
            {
                if (await handler.TryHandleAsync(httpContext, exception, httpContext.RequestAborted))
                {
                    return;
                }
            }

            throw;
        }
    }
}
