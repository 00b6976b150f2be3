using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Gateway;

/// <summary>
/// Fixed-window limits: login-class calls per client IP and per account (the email in the body, see
/// <see cref="LoginAccountMiddleware"/>), other anonymous calls per IP, authenticated calls per subject (the
/// validated token's sub, never a forwarded header). A refusal is a 429 problem with Retry-After.
/// </summary>
public static class GatewayRateLimiting
{
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, GatewayOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = PlatformExceptionHandler.From(CommonProblems.RateLimited),
                });
            };
            // The global limiter runs before the route's policy; it limits only requests that name an account.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => LoginAccountMiddleware.AccountOf(context) is { } account
                ? Window($"account:{account}", options.LoginPerAccountPerMinute)
                : RateLimitPartition.GetNoLimiter(""));
            limiter.AddPolicy(RateLimitPolicies.Login, context => Window($"login:{ClientIp(context)}", options.LoginPerIpPerMinute));
            limiter.AddPolicy(RateLimitPolicies.PerIp, context => Window($"ip:{ClientIp(context)}", options.AnonymousPerIpPerMinute));
            limiter.AddPolicy(RateLimitPolicies.Console, context => Window($"console:{ClientIp(context)}", options.ConsolePerIpPerMinute));
            limiter.AddPolicy(RateLimitPolicies.PerUser, context => context.User.Identity?.IsAuthenticated == true
                ? Window($"user:{context.User.GetSubject()}", options.PerUserPerMinute)
                : Window($"ip:{ClientIp(context)}", options.AnonymousPerIpPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> Window(string key, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    // The gateway is the edge: the connection's address is the client's. No X-Forwarded-For is trusted here.
    private static string ClientIp(HttpContext context) => ClientKey(context.Connection.RemoteIpAddress);

    /// <summary>
    /// The rate-limit key of a client address: an IPv4 address as it is, an IPv6 address by its /64 network, since one
    /// subscriber is handed a whole /64 and could otherwise rotate through addresses to reset every limit.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
