using LoanPlatform.Console.Api;
using LoanPlatform.Console.Components;
using LoanPlatform.Console.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.FluentUI.AspNetCore.Components;
using Microsoft.Identity.Web;

namespace LoanPlatform.Console;

/// <summary>
/// Wires the officer console: Blazor with interactive server rendering and Fluent UI, staff sign-in (local accounts through
/// the API, or Entra ID), and one HTTP client to the public API. Its own Program.cs and the local host both call these.
/// </summary>
public static class ConsoleHosting
{
    public static WebApplicationBuilder AddOfficerConsole(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ConsoleOptions.SectionName);
        var options = section.Get<ConsoleOptions>() ?? new ConsoleOptions();
        builder.Services.Configure<ConsoleOptions>(section);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient(PlatformApi.HttpClientName, http =>
        {
            http.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/'));
            http.Timeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddScoped(services => new PlatformApi(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(PlatformApi.HttpClientName),
            services.GetRequiredService<IStaffTokenSource>(),
            services.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>()));

        if (options.SignIn == StaffSignIn.Entra)
        {
            // Microsoft.Identity.Web signs the officer in (authorization code flow) and caches the staff API's token per user.
            builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(builder.Configuration.GetSection("AzureAd"))
                .EnableTokenAcquisitionToCallDownstreamApi([options.ApiScope ?? throw new InvalidOperationException("Console:ApiScope is required with Entra sign-in.")])
                .AddInMemoryTokenCaches();
            builder.Services.AddScoped<IStaffTokenSource, EntraStaffTokens>();
        }
        else
        {
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(cookie =>
                {
                    cookie.LoginPath = "/login";
                    cookie.Cookie.Name = "loanplatform-console";
                    cookie.Cookie.HttpOnly = true;
                    cookie.Cookie.SameSite = SameSiteMode.Strict;
                    cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
                    cookie.SlidingExpiration = false;
                });
            builder.Services.AddSingleton<LocalStaffSessions>();
            builder.Services.AddSingleton<IStaffTokenSource>(services => services.GetRequiredService<LocalStaffSessions>());
        }

        builder.Services.AddAuthorization();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication UseOfficerConsole(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsoleOptions>>().Value;
        // Behind the local gateway or App Service's front end: the public host and scheme, for redirects and the base address.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto });
        if (!string.IsNullOrEmpty(options.PathBase))
        {
            app.UsePathBase(options.PathBase);
            // "/console" without its slash would put every page outside the app's base address.
            app.Use((context, next) =>
            {
                if (context.Request.Path == PathString.Empty)
                {
                    context.Response.Redirect(context.Request.PathBase + "/" + context.Request.QueryString);
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        // Routing after the path base, so "/console/login" is matched as the page "/login" (form posts included).
        app.UseRouting();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // Fingerprinted framework and library files never change under their name; the rest revalidate.
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHealthChecks("/health/live").AllowAnonymous();
        app.MapHealthChecks("/health/ready").AllowAnonymous();
        app.MapPost("/logout", async (HttpContext context, IServiceProvider services) =>
        {
            if (services.GetService<LocalStaffSessions>() is { } sessions)
            {
                await sessions.SignOutAsync(context.User, context.RequestAborted);
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect("~/login");
            }

            return Results.SignOut(new AuthenticationProperties { RedirectUri = "~/" }, [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        }).RequireAuthorization();
        return app;
    }
}
