using Microsoft.AspNetCore.Http;

namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>Runs <see cref="GatewayProof"/> before anything else of a service's request pipeline.</summary>
public sealed class GatewayProofMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (await GatewayProof.CheckAsync(context))
        {
            await next(context);
        }
    }
}
