using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Loans.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Loans.Apis;

/// <summary>
/// Where the other services send the changes they commit: a service identity only, never routed by a gateway. (API
/// Management hands each request's record to the audit queue instead: <see cref="AuditRequestQueueHandler"/>.)
/// Handlers are static so the Function app calls the very same code.
/// </summary>
public static class AuditInternalApi
{
    internal const int MaxPathLength = 2048;
    internal const int MaxSubjectLength = 256;
    internal const int MaxRoles = 20;
    internal const int MaxRoleLength = 100;
    private const int MaxActionLength = 100;

    public static IEndpointRouteBuilder MapAuditInternalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/internal/audit").WithTags("Audit (internal)").ExcludeFromDescription();
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

    internal static bool IsPath(string? path) => path is { Length: > 0 and <= MaxPathLength } && path[0] == '/';
}
