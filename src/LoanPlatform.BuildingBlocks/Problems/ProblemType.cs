namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>
/// A kind of problem the API answers with: its stable code (the last segment of the type URI clients branch on), its
/// HTTP status, and the short explanation in English and Bahasa Indonesia its page at /problems/{code} shows.
/// Endpoints declare the types they can answer (<see cref="ProblemEndpointExtensions.ProducesProblems{TBuilder}"/>),
/// which documents them in OpenAPI; every type lives in <see cref="ProblemCatalog"/>.
/// </summary>
public sealed record ProblemType(string Code, int Status, ProblemText English, ProblemText Indonesian)
{
    /// <summary>The English title, sent as the problem's <c>title</c>.</summary>
    public string Title => English.Title;

    public ProblemException Exception(string? detail = null) => new(this, detail);
}
