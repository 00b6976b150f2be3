using System.Net;

namespace LoanPlatform.Console.Api;

/// <summary>
/// An RFC 7807 answer of the API, kept readable: its title and detail are what the officer is shown, its type (the last
/// segment, e.g. "four-eyes") lets a screen say more.
/// </summary>
public sealed class ApiProblemException(HttpStatusCode status, string? type, string title, string? detail)
    : Exception(detail is null ? title : $"{title} {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Type { get; } = type;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;
}
