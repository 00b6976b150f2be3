using Microsoft.AspNetCore.Http;

namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>
/// A rule said no. Carries the HTTP status and a stable machine-readable type so clients can branch on it;
/// the exception handler turns it into RFC 7807 problem details.
/// </summary>
public class ProblemException(int status, string type, string title, string? detail = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;

    /// <summary>A short kebab-case code, e.g. "email-taken"; published as the problem type URI's last segment.</summary>
    public string Type { get; } = type;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    public static ProblemException NotFound(string what) => new(StatusCodes.Status404NotFound, "not-found", $"{what} was not found.");

    public static ProblemException Conflict(string type, string title, string? detail = null) => new(StatusCodes.Status409Conflict, type, title, detail);

    public static ProblemException Forbidden(string type, string title, string? detail = null) => new(StatusCodes.Status403Forbidden, type, title, detail);

    public static ProblemException BadRequest(string type, string title, string? detail = null) => new(StatusCodes.Status400BadRequest, type, title, detail);

    public static ProblemException MalformedJson() => BadRequest("malformed-json", "The request body is not valid JSON for this operation.");
}
