using System.Text.Json;
using LoanPlatform.BuildingBlocks.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace LoanPlatform.Gateway;

/// <summary>
/// On login-class routes, finds the account a request is about (the normalized "email" of its JSON body) so the rate
/// limiter can count attempts per account as well as per IP: credential stuffing from many addresses still meets a
/// limit. The body is buffered for the proxy to send on; only small bodies are read, anything else counts per IP only.
/// </summary>
public sealed class LoginAccountMiddleware(RequestDelegate next)
{
    public const int MaxBodyBytes = 4096;

    private static readonly object AccountKey = new();

    public static string? AccountOf(HttpContext context) => context.Items.TryGetValue(AccountKey, out var account) ? account as string : null;

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsLoginClass(context) && HttpMethods.IsPost(context.Request.Method) && context.Request.ContentLength is null or <= MaxBodyBytes)
        {
            context.Request.EnableBuffering(MaxBodyBytes);
            var email = await ReadEmailAsync(context.Request, context.RequestAborted);
            context.Request.Body.Position = 0;
            if (email is not null)
            {
                context.Items[AccountKey] = email;
            }
        }

        await next(context);
    }

    private static bool IsLoginClass(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimitPolicies.Login;

    private static async Task<string?> ReadEmailAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("email", out var email)
                && email.ValueKind == JsonValueKind.String
                && EmailAddress.TryNormalize(email.GetString(), out var normalized)
                ? normalized
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
