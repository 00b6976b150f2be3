namespace LoanPlatform.Infrastructure.Tests;

/// <summary>The officer console in Azure: an App Service of its own, HTTPS only, its own identity, Entra sign-in without a secret.</summary>
public sealed class ConsoleInfrastructureTests
{
    private static CompiledTemplate Compiled => CompiledTemplate.Instance;

    private static TemplateResource ConsoleResource(string type) =>
        Compiled.OfType(type).Single(r => r.DeploymentPath.EndsWith("/officer-console", StringComparison.Ordinal));

    [Fact]
    public void The_console_is_an_https_only_linux_app_service_running_as_its_own_user_assigned_identity()
    {
        var site = ConsoleResource("Microsoft.Web/sites");
        Assert.Equal("app,linux", site.Resource["kind"]!.ToString());
        Assert.Equal("UserAssigned", site.Resource["identity"]!["type"]!.ToString());
        Assert.Contains("'azd-service-name', 'console'", site.Resource["tags"]!.ToString().Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);

        var properties = site.Properties!;
        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        var config = properties["siteConfig"]!;
        Assert.Equal("1.2", config["minTlsVersion"]!.ToString());
        Assert.Equal("Disabled", config["ftpsState"]!.ToString());
        Assert.True(config["webSocketsEnabled"]!.GetValue<bool>());
        Assert.Equal("DOTNETCORE|10.0", config["linuxFxVersion"]!.ToString());
        Assert.Equal("/health/ready", config["healthCheckPath"]!.ToString());

        Assert.Contains(Compiled.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"), r => r.DeploymentPath.EndsWith("/officer-console", StringComparison.Ordinal));
        foreach (var policy in Compiled.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").Where(r => r.DeploymentPath.EndsWith("/officer-console", StringComparison.Ordinal)))
        {
            Assert.False(policy.Properties!["allow"]!.GetValue<bool>());
        }
    }

    [Fact]
    public void The_console_signs_staff_in_with_entra_and_calls_only_the_public_api_without_a_secret()
    {
        var settings = ConsoleResource("Microsoft.Web/sites").Properties!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.ToString(), s => s!["value"]!.ToString());

        Assert.Equal("Entra", settings["Console__SignIn"]);
        Assert.Equal("[parameters('apiBaseUrl')]", settings["Console__ApiBaseUrl"]);
        Assert.Equal("[format('api://{0}/.default', parameters('staffApiClientId'))]", settings["Console__ApiScope"]);
        Assert.Equal("[parameters('consoleClientId')]", settings["AzureAd__ClientId"]);
        Assert.Equal("[parameters('staffTenantId')]", settings["AzureAd__TenantId"]);
        Assert.Equal("/signin-oidc", settings["AzureAd__CallbackPath"]);
        Assert.Equal("SignedAssertionFromManagedIdentity", settings["AzureAd__ClientCredentials__0__SourceType"]);
        Assert.DoesNotContain(settings.Keys, key => key.Contains("Secret", StringComparison.OrdinalIgnoreCase) || key.Contains("Password", StringComparison.OrdinalIgnoreCase));

        // The API the console calls is the public gateway's address, the same one clients use; the staff client app is
        // the console's own registration, the one API Management accepts staff tokens from.
        var module = Compiled.Module("officer-console").Properties!["parameters"]!;
        var apiBaseUrl = module["apiBaseUrl"]!.ToJsonString();
        Assert.Contains("gatewayUrl", apiBaseUrl, StringComparison.Ordinal);
        Assert.DoesNotContain("defaultHostName", apiBaseUrl, StringComparison.Ordinal);
        Assert.Equal("[parameters('staffClientAppId')]", module["consoleClientId"]!["value"]!.ToString());
    }
}
