using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace LoanPlatform.Functions.Hosting;

/// <summary>
/// The Functions counterpart of UseAuthentication and UseAuthorization, which the isolated worker does not run for
/// triggers: the default scheme (customer JwtBearer, or the issuer-selecting one when Entra staff tokens are on) sets
/// HttpContext.User, then the function's [Authorize] policy is evaluated by the same ASP.NET Core services, which
/// challenge (401) or forbid (403) as the minimal APIs do.
/// </summary>
internal sealed class AuthenticationMiddleware(
    FunctionAuthorizationPolicies policies,
    IPolicyEvaluator evaluator,
    IAuthorizationMiddlewareResultHandler resultHandler,
    IProblemDetailsService problemDetails) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } httpContext)
        {
            await next(context);
            return;
        }

        var authenticated = await httpContext.AuthenticateAsync();
        if (authenticated.Principal is not null)
        {
            httpContext.User = authenticated.Principal;
        }

        var policy = await policies.GetAsync(context.FunctionDefinition);
        if (policy is null)
        {
            await next(context);
            return;
        }

        var authentication = await evaluator.AuthenticateAsync(policy, httpContext);
        var authorization = await evaluator.AuthorizeAsync(policy, authentication, httpContext, httpContext);
        await resultHandler.HandleAsync(_ => next(context), httpContext, policy, authorization);
        if (!authorization.Succeeded && !httpContext.Response.HasStarted)
        {
            // What UseStatusCodePages adds locally: a problem body for the bare 401/403.
            await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails { Status = httpContext.Response.StatusCode },
            });
        }
    }
}
