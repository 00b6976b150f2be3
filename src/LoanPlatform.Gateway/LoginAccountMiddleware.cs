using System.Text.Json;
using LoanPlatform.BuildingBlocks.Identity;
using LoanPlatform.BuildingBlocks.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Gateway;

/// <summary>
/// On login-class routes, finds the account a request is about so the rate limiter can count attempts per account as
/// well as per IP: credential stuffing from many addresses still meets a limit. The account is the normalized "email"
/// of the JSON body, matched the way the services bind it (property name in any casing, escaped or not; the last
/// one wins), so no spelling of the body slips past the count. The whole body is read, up to
/// <see cref="MaxBodyBytes"/>; a larger one is refused with 413 before it reaches a service.
/// </summary>
public sealed class LoginAccountMiddleware(RequestDelegate next)
{
    /// <summary>The largest login-class body (login, refresh, registration, verification); far above any honest one.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly object AccountKey = new();

    public static string? AccountOf(HttpContext context) => context.Items.TryGetValue(AccountKey, out var account) ? account as string : null;

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsLoginClass(context) && HttpMethods.IsPost(context.Request.Method))
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            context.Request.EnableBuffering(MaxBodyBytes);
            var body = await ReadAsync(context.Request, context.RequestAborted);
            if (body is null)
            {
                await TooLargeAsync(context);
                return;
            }

            context.Request.Body.Position = 0;
            if (EmailOf(body.Value) is { } email)
            {
                context.Items[AccountKey] = email;
            }
        }

        await next(context);
    }

    /// <summary>The normalized email a JSON body names, as the services would bind it; null when it names none.</summary>
    public static string? EmailOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? email = null;
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, "email", StringComparison.OrdinalIgnoreCase))
                {
                    email = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
            }

            return EmailAddress.TryNormalize(email, out var normalized) ? normalized : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsLoginClass(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimitPolicies.Login;

    /// <summary>The whole body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return length > MaxBodyBytes ? null : buffer.AsMemory(0, length);
    }

    private static async Task TooLargeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Type = ProblemTypes.Uri("body-too-large"),
                Title = $"The request body is larger than {MaxBodyBytes} bytes.",
            },
        });
    }
}
