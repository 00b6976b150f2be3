using System.Globalization;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.OpenApi;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Loans.Apis;

/// <summary>The audit API under /audit, for auditors only. Handlers are static so the Function app calls the very same code.</summary>
public static class AuditApi
{
    public const int MaxRecords = 1000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/audit")
            .WithApiTag("Audit", "The append-only, hash-chained audit trail of every request and change, for auditors: search it and verify the chain.")
            .RequireAuthorization(policy => policy.RequireRole(PlatformRoles.Auditor));
        api.MapGet("/", Search).WithName("SearchAudit").WithSummary("Audit records, oldest first (the latest 1000), by subject (actor or resource) and time range")
            .ProducesProblems(LoanProblems.InvalidTime);
        api.MapGet("/verify", Verify).WithName("VerifyAudit").WithSummary("Walks the hash chain and names the first edited or deleted record");
        return app;
    }

    // Times are parsed here rather than bound, so both hosts answer a malformed one with the same problem.
    public static async Task<Ok<IReadOnlyList<AuditRecord>>> Search(string? subject, string? from, string? to, AuditTrail trail, CancellationToken cancellationToken) =>
        TypedResults.Ok(await trail.SearchAsync(
            new AuditQuery(string.IsNullOrWhiteSpace(subject) ? null : subject, ParseTime(from, nameof(from)), ParseTime(to, nameof(to))), MaxRecords, cancellationToken));

    public static async Task<Ok<AuditVerification>> Verify(AuditTrail trail, CancellationToken cancellationToken) =>
        TypedResults.Ok(await trail.VerifyAsync(cancellationToken));

    private static DateTimeOffset? ParseTime(string? value, string name) => string.IsNullOrWhiteSpace(value)
        ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw LoanProblems.InvalidTime.Exception($"'{name}' must be an ISO-8601 time.");
}
