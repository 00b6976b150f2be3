using System.Net;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Loans.Apis;

/// <summary>
/// Where API Management reports each request it handled (in Azure no request passes our own gateway), and where the
/// other services send the changes they commit: a service identity only, never routed by a gateway. Handlers are static
/// so the Function app calls the very same code.
/// </summary>
public static class AuditInternalApi
{
    private const int MaxPathLength = 2048;
    private const int MaxSubjectLength = 256;
    private const int MaxRoles = 20;
    private const int MaxRoleLength = 100;
    private const int MaxActionLength = 100;

    public static IEndpointRouteBuilder MapAuditInternalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/internal/audit").WithTags("Audit (internal)").ExcludeFromDescription();
        api.MapPost("/requests", IngestRequest).RequireAuthorization(ServiceCallers.GatewayOnly).WithName("IngestAuditedRequest");
        api.MapPost("/changes", IngestChange).RequireAuthorization(ServiceCallers.ChangeAuditors).WithName("IngestAuditedChange");
        return app;
    }

    public static async Task<NoContent> IngestChange(AuditedChange change, AuditTrail trail, CancellationToken cancellationToken)
    {
        new RequestValidation()
            .Require(change.Time is not null, "time", "The time of the change is required.")
            .Require(change.Actor is { Length: > 0 and <= MaxSubjectLength }, "actor", $"An actor of at most {MaxSubjectLength} characters is required.")
            .Require(change.Role is null || change.Role.Length <= MaxRoleLength * MaxRoles, "role", "The role is too long.")
            .Require(change.Action is { Length: > 0 and <= MaxActionLength }, "action", $"An action of at most {MaxActionLength} characters is required.")
            .Require(IsPath(change.Resource), "resource", $"A resource starting with '/' of at most {MaxPathLength} characters is required.")
            .Require(change.SourceEventId is { Length: > 0 and <= MaxSubjectLength }, "sourceEventId", "The id of the event that records the change is required.")
            .Require(change.CorrelationId is null || CorrelationId.IsAcceptable(change.CorrelationId), "correlationId", "The correlation id is not a well-formed one.")
            .ThrowIfInvalid();
        // Appended once per source event, however often the sender's outbox delivers it.
        await trail.AppendAsync(change.ToRecord(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> IngestRequest(AuditedRequest request, AuditTrail trail, CancellationToken cancellationToken)
    {
        Validate(request);
        await trail.AppendAsync(request.ToRecord(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static void Validate(AuditedRequest request) => new RequestValidation()
        .Require(request.Time is not null, "time", "The time of the request is required.")
        .Require(request.Method is { Length: > 0 and <= 16 } method && method.All(char.IsAsciiLetter), "method", "An HTTP method is required.")
        .Require(IsPath(request.Path), "path", $"A path starting with '/' of at most {MaxPathLength} characters is required.")
        .Require(request.Route is null || IsPath(request.Route), "route", $"A route starts with '/' and has at most {MaxPathLength} characters.")
        .Require(request.StatusCode is >= 100 and <= 599, "statusCode", "An HTTP status code (100-599) is required.")
        .Require(request.Subject is null || request.Subject.Length <= MaxSubjectLength, "subject", $"The subject has at most {MaxSubjectLength} characters.")
        .Require(request.Roles is null || (request.Roles.Count <= MaxRoles && request.Roles.All(r => r is { Length: > 0 and <= MaxRoleLength })),
            "roles", $"At most {MaxRoles} roles of 1 to {MaxRoleLength} characters.")
        .Require(request.CorrelationId is null || CorrelationId.IsAcceptable(request.CorrelationId), "correlationId", "The correlation id is not a well-formed one.")
        .Require(request.ClientIp is null || IPAddress.TryParse(request.ClientIp, out _), "clientIp", "The client IP is not an IP address.")
        .ThrowIfInvalid();

    private static bool IsPath(string? path) => path is { Length: > 0 and <= MaxPathLength } && path[0] == '/';
}
