using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>
/// A rule said no. Carries one of the catalogued <see cref="ProblemType"/>s, so clients can branch on a stable type and
/// read its page; the exception handler turns it into RFC 7807 problem details.
/// </summary>
public class ProblemException(ProblemType problemType, string? detail = null) : Exception(detail ?? problemType.Title)
{
    public ProblemType ProblemType { get; } = problemType;

    public int Status => ProblemType.Status;

    /// <summary>The type's short kebab-case code, e.g. "email-taken"; published as the problem type URI's last segment.</summary>
    public string Type => ProblemType.Code;

    public string Title => ProblemType.Title;

    public string? Detail { get; } = detail;

    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    public static ProblemException NotFound(string what) => CommonProblems.NotFound.Exception($"{what} was not found.");

    public static ProblemException MalformedJson() => CommonProblems.MalformedJson.Exception();
}
