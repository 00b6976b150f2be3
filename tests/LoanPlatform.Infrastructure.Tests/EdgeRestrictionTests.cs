using System.Text.Json.Nodes;

namespace LoanPlatform.Infrastructure.Tests;

/// <summary>
/// Only API Management reaches the apps: network rules on every Function app, API Management's own token on every
/// request of every API, and the vnetEnabled option with VNet integration and private endpoints.
/// </summary>
public sealed class EdgeRestrictionTests
{
    private static readonly string[] Services = ["auth", "users", "loans", "notifications"];

    private static CompiledTemplate Compiled => CompiledTemplate.Instance;

    [Fact]
    public void Every_function_app_denies_by_default_and_admits_API_Management_first()
    {
        // Function apps only: the officer console is an App Service that staff's browsers reach directly over HTTPS.
        var sites = Compiled.OfType("Microsoft.Web/sites")
            .Where(site => site.Resource["existing"]?.GetValue<bool>() != true && site.Resource["kind"]?.ToString().Contains("functionapp", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(sites);
        foreach (var site in sites)
        {
            var config = site.Properties!["siteConfig"]!;
            Assert.Equal("Deny", config["ipSecurityRestrictionsDefaultAction"]!.ToString());
            Assert.Equal("[concat(createArray(variables('apimRule')), variables('serviceRules'))]", config["ipSecurityRestrictions"]!.ToString());
            var apim = site.Template["variables"]!["apimRule"]!;
            Assert.Equal(("Allow", "ServiceTag", "ApiManagement", 100), (apim["action"]!.ToString(), apim["tag"]!.ToString(), apim["ipAddress"]!.ToString(), apim["priority"]!.GetValue<int>()));
            // The other apps: their subnets with vnetEnabled, else the AzureCloud tag; never an open rule.
            var others = site.Template["variables"]!["serviceRules"]!.ToString();
            Assert.Contains("AzureCloud", others, StringComparison.Ordinal);
            Assert.Contains("vnetSubnetResourceId", others, StringComparison.Ordinal);
            Assert.DoesNotContain("0.0.0.0", others, StringComparison.Ordinal);
        }

        // The service module, deployed for each of the four services, creates its app through that one module.
        Assert.Equal(Services, Compiled.Services.Select(s => s["name"]!.ToString()));
        Assert.Contains("ipSecurityRestrictionsDefaultAction", Compiled.ModuleLoop("serviceApps").Properties!["template"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_api_sends_API_Managements_managed_identity_token_to_its_app()
    {
        var policy = File.ReadAllText(BicepCli.InfraPath("apim", "policies", "api.xml"));
        Assert.Contains("<authentication-managed-identity resource=\"{{internal-api-audience}}\" output-token-variable-name=\"gatewayProof\" />", policy, StringComparison.Ordinal);
        Assert.Contains("<set-header name=\"X-Gateway-Authorization\" exists-action=\"override\">", policy, StringComparison.Ordinal);
        // A caller's own copy of the header is dropped before anything else.
        Assert.Contains("<set-header name=\"X-Gateway-Authorization\" exists-action=\"delete\" />", File.ReadAllText(BicepCli.InfraPath("apim", "policies", "global.xml")), StringComparison.Ordinal);

        // One API module, called for every API (auth, users, loans, audit), loads api.xml as each API's policy; every
        // operation policy keeps <base />, so the proof is set on every operation.
        var apis = Compiled.Resources.Single(r => r.DeploymentPath == "main" && r.Type == "Microsoft.Resources/deployments"
            && r.Resource["name"]!.ToString().Contains("apim-api-", StringComparison.Ordinal));
        Assert.Contains("'auth', 'users', 'loans', 'audit'", apis.Resource["name"]!.ToString(), StringComparison.Ordinal);
        var module = apis.Properties!["template"]!.AsObject();
        var apiPolicy = CompiledTemplate.ResourcesOf(module).Single(r => r.Resource["type"]!.ToString() == "Microsoft.ApiManagement/service/apis/policies");
        Assert.Contains("apiPolicy", apiPolicy.Resource["properties"]!["value"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("gatewayProof", module["variables"]!.ToJsonString(), StringComparison.Ordinal);

        foreach (var file in Directory.EnumerateFiles(BicepCli.InfraPath("apim", "policies"), "operation-*.xml"))
        {
            Assert.Contains("<base />", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_apps_know_API_Managements_identity_and_require_its_proof()
    {
        var settings = File.ReadAllText(BicepCli.InfraPath("app", "app-settings.bicep"));
        Assert.Contains("GatewayProof__Required: 'true'", settings, StringComparison.Ordinal);
        foreach (var caller in new[] { "gateway", "auth", "users", "loans", "notifications" })
        {
            Assert.Contains($"ServiceIdentity__Callers__{caller}: shared.callerPrincipalIds.{caller}", settings, StringComparison.Ordinal);
        }

        Assert.Contains("gateway: apim.outputs.principalId", File.ReadAllText(BicepCli.InfraPath("main.bicep")), StringComparison.Ordinal);
        Assert.Contains("EntraStaff__ClientApplicationIds__0: shared.staffClientAppId", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void The_login_operations_limit_each_account_by_the_email_in_the_body_and_cap_the_body()
    {
        var policy = File.ReadAllText(BicepCli.InfraPath("apim", "policies", "operation-login.xml"));
        Assert.Contains("string.Equals(property.Name, \"email\", StringComparison.OrdinalIgnoreCase)", policy, StringComparison.Ordinal);
        Assert.Contains("Trim().ToLowerInvariant()", policy, StringComparison.Ordinal);
        Assert.Contains("counter-key=\"@(&quot;account:&quot;", policy.Replace("\"@(\"account:\"", "\"@(&quot;account:&quot;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("max-size=\"16384\"", policy, StringComparison.Ordinal);
        Assert.Contains("clientKey", File.ReadAllText(BicepCli.InfraPath("apim", "policies", "global.xml")), StringComparison.Ordinal);
    }

    [Fact]
    public void VnetEnabled_integrates_every_app_and_gives_storage_cosmos_service_bus_and_key_vault_private_endpoints()
    {
        var root = Compiled.Root;
        Assert.Equal("bool", root["parameters"]!["vnetEnabled"]!["type"]!.ToString());
        Assert.False(root["parameters"]!["vnetEnabled"]!["defaultValue"]!.GetValue<bool>());

        var vnet = Compiled.Module("vnet");
        Assert.Equal("[parameters('vnetEnabled')]", vnet.Resource["condition"]!.ToString());
        var subnets = vnet.Properties!["template"]!.ToJsonString();
        Assert.Contains("Microsoft.App/environments", subnets, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Web", subnets, StringComparison.Ordinal);

        var endpoints = Compiled.Module("private-endpoints");
        Assert.Equal("[parameters('vnetEnabled')]", endpoints.Resource["condition"]!.ToString());
        var targets = endpoints.Properties!["parameters"]!["targets"]!.ToJsonString();
        foreach (var groupId in new[] { "blob", "queue", "table", "Sql", "namespace", "vault" })
        {
            Assert.Contains($"'{groupId}'", targets.Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        var resources = CompiledTemplate.ResourcesOf(endpoints.Properties["template"]!.AsObject()).Select(r => r.Resource["type"]!.ToString()).ToList();
        Assert.Contains("Microsoft.Network/privateEndpoints", resources);
        Assert.Contains("Microsoft.Network/privateDnsZones", resources);
        Assert.Contains("Microsoft.Network/privateEndpoints/privateDnsZoneGroups", resources);

        // Each app sends through its own subnet when vnetEnabled (the vnet has one per service, in the services' order),
        // and Service Bus is Premium then (Standard has no private endpoint).
        Assert.Equal("[map(variables('services'), lambda('service', lambdaVariables('service').name))]", vnet.Properties["parameters"]!["services"]!["value"]!.ToString());
        var subnet = Compiled.ModuleLoop("serviceApps").Properties!["parameters"]!["virtualNetworkSubnetId"]!.ToString();
        Assert.Contains("'Microsoft.Resources/deployments', 'vnet')", subnet, StringComparison.Ordinal);
        Assert.Contains(".outputs.appSubnetIds.value, createArray())[copyIndex()]", subnet, StringComparison.Ordinal);

        Assert.Contains("Premium", Compiled.Module("service-bus").Properties!["parameters"]!["sku"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
