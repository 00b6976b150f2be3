using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoanPlatform.BuildingBlocks.Tests.Problems;

public sealed class EndpointProblemsTests
{
    private sealed record Accepts(IReadOnlyList<string> ContentTypes, Type? RequestType = null, bool IsOptional = false) : IAcceptsMetadata;

    [Fact]
    public void An_endpoint_answers_what_it_declares_and_what_its_shape_implies()
    {
        var problems = EndpointProblems.For([
            new AuthorizeAttribute { Roles = "LoanOfficer" }, new Accepts(["application/json"]), new ProblemTypesMetadata([LoanProblems.FourEyes]),
        ]).Select(p => p.Code).ToArray();

        Assert.Equal(
            ["bad-request", "malformed-json", "missing-body", "unsupported-media-type", "unauthenticated", "forbidden", "four-eyes", "rate-limited", "audit-unavailable", "internal"],
            problems);
    }

    [Fact]
    public void An_anonymous_endpoint_without_a_body_only_risks_the_limit_and_a_failure()
    {
        var problems = EndpointProblems.For([new AllowAnonymousAttribute(), new AuthorizeAttribute()]);

        Assert.Equal([CommonProblems.RateLimited, CommonProblems.AuditUnavailable, CommonProblems.Internal], problems);
    }

    [Fact]
    public void An_answer_the_operation_does_not_declare_is_noticed_once_and_a_declared_one_is_not()
    {
        var undeclared = new UndeclaredProblems(NullLogger<UndeclaredProblems>.Instance);
        var context = new DefaultHttpContext();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(
            new EndpointNameMetadata("GetLoanSchedule"), new ProblemTypesMetadata([CommonProblems.NotFound])), "schedule"));

        undeclared.Check(context, "not-found");
        undeclared.Check(context, "rate-limited");
        undeclared.Check(context, "gateway-required");
        undeclared.Check(context, "four-eyes");
        undeclared.Check(context, "four-eyes");

        Assert.Equal(["GetLoanSchedule: four-eyes"], undeclared.Seen);
    }
}
