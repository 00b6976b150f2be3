using LoanPlatform.BuildingBlocks.Problems.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>
/// The one place that decides which problem types an endpoint can answer: those its metadata declares
/// (<see cref="ProblemEndpointExtensions.ProducesProblems{TBuilder}"/>) and those its shape implies — a token for an
/// authorized endpoint, a role for a role-restricted one, a readable JSON body where it takes one, the gateway's rate
/// limit, the gateway's audit hand-off (API Management answers 503 when it cannot record a request) and an internal
/// failure everywhere. The OpenAPI documents and the runtime check both read it.
/// </summary>
public static class EndpointProblems
{
    public static bool IsDocumented(IEnumerable<object> metadata) =>
        !metadata.OfType<IExcludeFromDescriptionMetadata>().Any(m => m.ExcludeFromDescription);

    public static IReadOnlyList<ProblemType> For(IEnumerable<object> metadata)
    {
        var items = metadata as IReadOnlyCollection<object> ?? metadata.ToArray();
        var problems = new List<ProblemType>();
        if (items.OfType<IAcceptsMetadata>().Any())
        {
            problems.AddRange([CommonProblems.BadRequest, CommonProblems.MalformedJson, CommonProblems.MissingBody, CommonProblems.UnsupportedMediaType]);
        }

        if (!items.OfType<IAllowAnonymous>().Any() && (items.OfType<IAuthorizeData>().Any() || items.OfType<AuthorizationPolicy>().Any()))
        {
            problems.Add(CommonProblems.Unauthenticated);
            if (RestrictsRoles(items))
            {
                problems.Add(CommonProblems.Forbidden);
            }
        }

        problems.AddRange(items.OfType<ProblemTypesMetadata>().SelectMany(m => m.Types));
        problems.AddRange([CommonProblems.RateLimited, CommonProblems.AuditUnavailable, CommonProblems.Internal]);
        return problems.Distinct().ToArray();
    }

    private static bool RestrictsRoles(IReadOnlyCollection<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any(data => !string.IsNullOrEmpty(data.Roles) || !string.IsNullOrEmpty(data.Policy))
        || metadata.OfType<AuthorizationPolicy>().Any(policy => policy.Requirements.Any(r => r is not Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement));
}
