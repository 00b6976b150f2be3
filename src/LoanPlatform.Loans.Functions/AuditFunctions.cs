using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.Loans.Apis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PlatformRoles = LoanPlatform.BuildingBlocks.Security.PlatformRoles;

namespace LoanPlatform.Loans.Functions;

/// <summary>HTTP triggers for <see cref="AuditApi"/>: same names, routes, authorization and handlers.</summary>
public sealed class AuditFunctions(AuditTrail trail, IOptions<AuditOptions> options, TimeProvider time)
{
    [Function("SearchAudit")]
    [Authorize(Roles = PlatformRoles.Auditor)]
    public async Task<IResult> Search([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuditApi.Search(
            req.Query["subject"].FirstOrDefault(), req.Query["from"].FirstOrDefault(), req.Query["to"].FirstOrDefault(), req.Query["limit"].FirstOrDefault(),
            req.Query["continuation"].FirstOrDefault(), trail, options, time, cancellationToken);

    [Function("VerifyAudit")]
    [Authorize(Roles = PlatformRoles.Auditor)]
    public async Task<IResult> Verify([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit/verify")] HttpRequest req, CancellationToken cancellationToken) =>
        await AuditApi.Verify(req.Query["from"].FirstOrDefault(), req.Query["to"].FirstOrDefault(), trail, options, time, cancellationToken);
}
