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
using Microsoft.Extensions.Options;

namespace LoanPlatform.Loans.Apis;

/// <summary>The audit API under /audit, for auditors only. Handlers are static so the Function app calls the very same code.</summary>
public static class AuditApi
{
    public const int MaxRecords = 1000;

    /// <summary>The range searched or verified when the request names no start: the day before its end.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(1);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/audit")
            .WithApiTag("Audit", "The append-only, hash-chained audit trail of every request and change, for auditors: search it and verify the chain.")
            .RequireAuthorization(policy => policy.RequireRole(PlatformRoles.Auditor));
        api.MapGet("/", Search).WithName("SearchAudit")
            .WithSummary("Audit records of a time range (the last day by default), by subject (actor or resource), a page at a time (follow 'next' as 'continuation')")
            .ProducesProblems(LoanProblems.InvalidTime, LoanProblems.InvalidAuditRange, LoanProblems.AuditRangeTooWide, LoanProblems.InvalidLimit, LoanProblems.InvalidContinuation);
        api.MapGet("/verify", Verify).WithName("VerifyAudit")
            .WithSummary("Walks every shard's hash chain in a time range (the last day by default), holds each to the checkpoints, and names the first edited or deleted record")
            .ProducesProblems(LoanProblems.InvalidTime, LoanProblems.InvalidAuditRange, LoanProblems.AuditRangeTooWide);
        return app;
    }

    // Times are parsed here rather than bound, so both hosts answer a malformed one with the same problem.
    public static async Task<Ok<AuditPage>> Search(
        string? subject, string? from, string? to, string? limit, string? continuation, AuditTrail trail, IOptions<AuditOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (start, end) = RangeOf(from, to, options.Value, time);
        var pageSize = string.IsNullOrWhiteSpace(limit)
            ? MaxRecords
            : int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= MaxRecords
                ? parsed
                : throw LoanProblems.InvalidLimit.Exception($"'limit' must be a whole number from 1 to {MaxRecords}.");
        try
        {
            return TypedResults.Ok(await trail.SearchAsync(
                string.IsNullOrWhiteSpace(subject) ? null : subject, start, end, pageSize, string.IsNullOrEmpty(continuation) ? null : continuation, cancellationToken));
        }
        catch (InvalidAuditContinuationException e)
        {
            throw LoanProblems.InvalidContinuation.Exception(e.Message);
        }
    }

    public static async Task<Ok<AuditVerification>> Verify(string? from, string? to, AuditTrail trail, IOptions<AuditOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (start, end) = RangeOf(from, to, options.Value, time);
        return TypedResults.Ok(await trail.VerifyAsync(start, end, cancellationToken));
    }

    /// <summary>A bounded range: the day before <paramref name="to"/> (now by default), never wider than <see cref="AuditOptions.MaxRange"/>.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) RangeOf(string? from, string? to, AuditOptions options, TimeProvider time)
    {
        var end = ParseTime(to, nameof(to)) ?? time.GetUtcNow();
        var start = ParseTime(from, nameof(from)) ?? end - DefaultRange;
        if (start > end)
        {
            throw LoanProblems.InvalidAuditRange.Exception();
        }

        return end - start <= options.MaxRange
            ? (start, end)
            : throw LoanProblems.AuditRangeTooWide.Exception($"A search or verification spans at most {options.MaxRange.TotalDays:0} days; ask for consecutive ranges.");
    }

    private static DateTimeOffset? ParseTime(string? value, string name) => string.IsNullOrWhiteSpace(value)
        ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw LoanProblems.InvalidTime.Exception($"'{name}' must be an ISO-8601 time.");
}
