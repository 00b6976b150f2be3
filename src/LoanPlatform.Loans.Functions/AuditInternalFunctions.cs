using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Http;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Loans.Apis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Loans.Functions;

/// <summary>
/// HTTP trigger for <see cref="AuditInternalApi"/>: the other services report their committed changes; service identities
/// only, as locally.
/// </summary>
public sealed class AuditInternalFunctions(AuditTrail trail)
{
    [Function("IngestAuditedChange")]
    [Authorize(Policy = ServiceCallers.ChangeAuditors)]
    public async Task<IResult> IngestChange(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "internal/audit/changes")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuditInternalApi.IngestChange(await req.ReadJsonAsync<AuditedChange>(cancellationToken), trail, cancellationToken);
}
