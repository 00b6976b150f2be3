using System.Text.Json;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
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
        ProblemException p => WithExtensions(From(p.ProblemType, p.Detail), p.Extensions),
        BadHttpRequestException { InnerException: JsonException } or JsonException => From(CommonProblems.MalformedJson),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => From(CommonProblems.UnsupportedMediaType),
        BadHttpRequestException bad => WithStatus(From(CommonProblems.BadRequest, bad.Message), bad.StatusCode),
        DocumentPreconditionFailedException or WriteConflictException => From(CommonProblems.StaleETag),
        DocumentConflictException => From(CommonProblems.Conflict),
        OperationCanceledException => From(CommonProblems.Cancelled),
        _ => From(CommonProblems.Internal),
    };

    /// <summary>A problem of a catalogued type; its type URI is made absolute as it is written (<see cref="ProblemTypes"/>).</summary>
    public static ProblemDetails From(ProblemType type, string? detail = null) =>
        new() { Status = type.Status, Type = ProblemTypes.Uri(type.Code), Title = type.Title, Detail = detail };

    private static ProblemDetails WithStatus(ProblemDetails problem, int status)
    {
        problem.Status = status;
        return problem;
    }

    private static ProblemDetails WithExtensions(ProblemDetails problem, IDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }
}
