using System.Net;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Loans.Apis;

namespace LoanPlatform.Loans.Audit;

/// <summary>
/// Appends a request's record that API Management handed off to the audit queue (its <c>audit-request</c> policy puts
/// one message per answered request, before the answer leaves). The message is the <see cref="AuditedRequest"/>'s JSON;
/// it is checked as any input, and its id makes a message delivered twice land on one record. A throw leaves the message
/// on the queue to be delivered again, so a store that fails for a while loses nothing.
/// </summary>
public sealed class AuditRequestQueueHandler(AuditTrail trail)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AuditRecord> HandleAsync(string message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<AuditedRequest>(message, Json) ?? throw new JsonException("The audit queue message is empty.");
        Validate(request);
        return await trail.AppendAsync(request.ToRecord(), cancellationToken);
    }

    private static void Validate(AuditedRequest request) => new RequestValidation()
        .Require(request.Id is { Length: > 0 and <= AuditInternalApi.MaxSubjectLength }, "id", "The id of the hand-off is required.")
        .Require(request.Time is not null, "time", "The time of the request is required.")
        .Require(request.Method is { Length: > 0 and <= 16 } method && method.All(char.IsAsciiLetter), "method", "An HTTP method is required.")
        .Require(AuditInternalApi.IsPath(request.Path), "path", $"A path starting with '/' of at most {AuditInternalApi.MaxPathLength} characters is required.")
        .Require(request.Route is null || AuditInternalApi.IsPath(request.Route), "route", $"A route starts with '/' and has at most {AuditInternalApi.MaxPathLength} characters.")
        .Require(request.StatusCode is >= 100 and <= 599, "statusCode", "An HTTP status code (100-599) is required.")
        .Require(request.Subject is null || request.Subject.Length <= AuditInternalApi.MaxSubjectLength, "subject", $"The subject has at most {AuditInternalApi.MaxSubjectLength} characters.")
        .Require(request.Roles is null || (request.Roles.Count <= AuditInternalApi.MaxRoles && request.Roles.All(r => r is { Length: > 0 and <= AuditInternalApi.MaxRoleLength })),
            "roles", $"At most {AuditInternalApi.MaxRoles} roles of 1 to {AuditInternalApi.MaxRoleLength} characters.")
        .Require(request.CorrelationId is null || CorrelationId.IsAcceptable(request.CorrelationId), "correlationId", "The correlation id is not a well-formed one.")
        .Require(request.ClientIp is null || IPAddress.TryParse(request.ClientIp, out _), "clientIp", "The client IP is not an IP address.")
        .ThrowIfInvalid();
}
