using System.Text.Json;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>
/// Maps what the code throws to problem details with the right status. Anything unknown is a 500 that names
/// only the correlation id, never the exception.
/// </summary>
public sealed class PlatformExceptionHandler(IProblemDetailsService problemDetails, ILogger<PlatformExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    public static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ProblemException p => WithExtensions(new ProblemDetails { Status = p.Status, Type = ProblemTypes.Uri(p.Type), Title = p.Title, Detail = p.Detail }, p.Extensions),
        BadHttpRequestException { InnerException: JsonException } or JsonException => ToProblem(ProblemException.MalformedJson()),
        BadHttpRequestException bad =>
            new ProblemDetails { Status = bad.StatusCode, Type = ProblemTypes.Uri("bad-request"), Title = "The request could not be read.", Detail = bad.Message },
        DocumentPreconditionFailedException =>
            new ProblemDetails { Status = 412, Type = ProblemTypes.Uri("stale-etag"), Title = "The resource was changed by someone else; read it again and retry." },
        DocumentConflictException =>
            new ProblemDetails { Status = 409, Type = ProblemTypes.Uri("conflict"), Title = "The resource already exists." },
        OperationCanceledException =>
            new ProblemDetails { Status = 499, Type = ProblemTypes.Uri("cancelled"), Title = "The request was cancelled." },
        _ => new ProblemDetails { Status = 500, Type = ProblemTypes.Uri("internal"), Title = "Something went wrong on our side." },
    };

    private static ProblemDetails WithExtensions(ProblemDetails problem, IDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }
}
