using LoanPlatform.BuildingBlocks.Correlation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Functions.Hosting;

/// <summary>Runs the services' own CorrelationIdMiddleware around an HTTP function, so both hosts treat the header alike.</summary>
internal sealed class CorrelationMiddleware(ILogger<CorrelationIdMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next) =>
        context.GetHttpContext() is { } httpContext
            ? new CorrelationIdMiddleware(_ => next(context), logger).InvokeAsync(httpContext)
            : next(context);
}
