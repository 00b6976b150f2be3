using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Http;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Loans.Apis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Loans.Functions;

/// <summary>
/// HTTP triggers for <see cref="AuditInternalApi"/>: API Management reports each response, the other services their
/// committed changes; each admits only those callers, as locally.
/// </summary>
public sealed class AuditInternalFunctions(AuditTrail trail)
{
    [Function("IngestAuditedRequest")]
    [Authorize(Policy = ServiceCallers.GatewayOnly)]
    public async Task<IResult> IngestRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "internal/audit/requests")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuditInternalApi.IngestRequest(await req.ReadJsonAsync<AuditedRequest>(cancellationToken), trail, cancellationToken);

    [Function("IngestAuditedChange")]
    [Authorize(Policy = ServiceCallers.ChangeAuditors)]
    public async Task<IResult> IngestChange(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "internal/audit/changes")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuditInternalApi.IngestChange(await req.ReadJsonAsync<AuditedChange>(cancellationToken), trail, cancellationToken);
}
