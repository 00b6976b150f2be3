using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace LoanPlatform.Functions.Hosting;

/// <summary>
/// The Functions counterpart of <see cref="GatewayProofMiddleware"/>: an HTTP function runs only for a request that
/// carries API Management's proof (GatewayProof:Required, on in every Function app by default), or for an internal route.
/// </summary>
internal sealed class GatewayProofFunctionsMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } httpContext || await GatewayProof.CheckAsync(httpContext))
        {
            await next(context);
        }
    }
}
