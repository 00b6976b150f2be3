using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>
/// The page each problem type URI resolves to: what happened and what to do, in Bahasa Indonesia and English, for the
/// developer who meets the type and the person their app shows it to.
/// </summary>
public static class ProblemPages
{
    public const string Route = "/problems/{code}";

    public static IEndpointRouteBuilder MapProblemPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, Page).AllowAnonymous().ExcludeFromDescription().WithName("GetProblemPage");
        return app;
    }

    public static IResult Page(string code, HttpContext context)
    {
        var type = ProblemCatalog.Find(code) ?? throw ProblemException.NotFound("The problem type");
        // The pages change only with a release; a day of caching keeps them cheap behind any gateway.
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Content(Render(type, ProblemTypes.Absolute(context, type.Code)), "text/html; charset=utf-8");
    }

    public static string Render(ProblemType type, string typeUri)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(type.Indonesian.Title)).Append(" | ").Append(Encode(type.English.Title)).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2rem}</style>\n")
            .Append("</head>\n<body>\n");
        Section(html, "id", type.Indonesian, "Apa yang terjadi", "Apa yang harus dilakukan");
        Section(html, "en", type.English, "What happened", "What to do");
        html.Append("<p><small>HTTP ").Append(type.Status).Append(" · <code>").Append(Encode(typeUri)).Append("</code></small></p>\n")
            .Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Section(StringBuilder html, string language, ProblemText text, string happened, string toDo) =>
        html.Append("<section lang=\"").Append(language).Append("\">\n")
            .Append("<h1>").Append(Encode(text.Title)).Append("</h1>\n")
            .Append("<h2>").Append(happened).Append("</h2>\n<p>").Append(Encode(text.Happened)).Append("</p>\n")
            .Append("<h2>").Append(toDo).Append("</h2>\n<p>").Append(Encode(text.ToDo)).Append("</p>\n")
            .Append("</section>\n");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
