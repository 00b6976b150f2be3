using System.Text.Json.Nodes;

namespace LoanPlatform.Infrastructure.Tests;

/// <summary>
/// main.bicep describes the four services once (its services variable) and deploys the service and app-settings modules
/// in a loop over that description: each service gets both, under the deployment names it always had, with its own
/// entry's names, container and task hub, and only its own settings; what refers to one service by name gets that one.
/// </summary>
public sealed class ServiceLoopTests
{
    private static readonly string[] ServiceNames = ["auth", "users", "loans", "notifications"];

    private static CompiledTemplate Compiled => CompiledTemplate.Instance;

    private static JsonNode Parameters(string loop) => Compiled.ModuleLoop(loop).Properties!["parameters"]!;

    private static string Parameter(string loop, string name) => Parameters(loop)[name]!["value"]!.ToString();

    [Theory]
    [InlineData("serviceApps", "service-{0}")]
    [InlineData("serviceAppSettings", "app-settings-{0}")]
    public void Each_service_gets_the_module_under_the_deployment_name_it_always_had(string loop, string deploymentName)
    {
        Assert.Equal(ServiceNames, Compiled.Services.Select(s => s["name"]!.ToString()));
        var module = Compiled.ModuleLoop(loop).Resource;
        Assert.Equal("[length(variables('services'))]", module["copy"]!["count"]!.ToString());
        Assert.Equal($"[format('{deploymentName}', variables('services')[copyIndex()].name)]", module["name"]!.ToString());
    }

    [Fact]
    public void Each_function_app_is_named_after_its_service_and_its_storage_account_name_fits()
    {
        Assert.Equal("[variables('services')[copyIndex()].name]", Parameter("serviceApps", "serviceName"));
        Assert.Equal("[format('{0}{1}-{2}', variables('abbrs').webSitesFunctions, variables('services')[copyIndex()].name, variables('resourceToken'))]", Parameter("serviceApps", "functionAppName"));
        Assert.Equal("[format('{0}{1}{2}', variables('abbrs').storageStorageAccounts, variables('services')[copyIndex()].storageAbbreviation, variables('resourceToken'))]", Parameter("serviceApps", "storageAccountName"));
        Assert.Equal("[variables('services')[copyIndex()].queues]", Parameter("serviceApps", "queues"));
        Assert.Equal("[variables('services')[copyIndex()].needsQueuesAndTables]", Parameter("serviceApps", "needsQueuesAndTables"));

        // Storage account names: 3 to 24 lower-case letters and digits; the resource token (uniqueString) has 13.
        var prefix = JsonNode.Parse(File.ReadAllText(BicepCli.InfraPath("abbreviations.json")))!["storageStorageAccounts"]!.ToString();
        var abbreviations = Compiled.Services.Select(s => s["storageAbbreviation"]!.ToString()).ToList();
        Assert.Equal(abbreviations.Count, abbreviations.Distinct().Count());
        Assert.All(abbreviations, abbreviation => Assert.Matches("^[a-z0-9]+$", abbreviation));
        Assert.All(abbreviations, abbreviation => Assert.True(prefix.Length + abbreviation.Length + 13 <= 24, $"st{abbreviation}<token> is longer than 24"));
    }

    [Fact]
    public void Each_service_gets_app_settings_for_its_own_app_with_its_own_container_and_task_hub()
    {
        Assert.Equal("[variables('services')[copyIndex()].taskHubName]", Parameter("serviceAppSettings", "taskHubName"));
        Assert.Equal("[variables('services')[copyIndex()].cosmosContainerName]", Parameter("serviceAppSettings", "cosmosContainerName"));
        foreach (var output in new[] { "functionAppName", "identityClientId", "blobEndpoint", "queueEndpoint", "tableEndpoint" })
        {
            var parameter = Parameters("serviceAppSettings").AsObject()
                .Single(p => p.Value!["value"]!.ToString().EndsWith($".outputs.{output}.value]", StringComparison.Ordinal));
            // The same iteration's service module: the one named after the same entry of services.
            Assert.Contains("'Microsoft.Resources/deployments', format('service-{0}', variables('services')[copyIndex()].name))", parameter.Value!["value"]!.ToString(), StringComparison.Ordinal);
        }

        foreach (var service in ServiceNames)
        {
            Assert.Equal(service, Compiled.Service(service)["cosmosContainerName"]!.ToString());
            Assert.Equal(service + "hub", Compiled.Service(service)["taskHubName"]!.ToString());
        }
    }

    [Fact]
    public void Each_service_gets_only_its_own_settings()
    {
        Assert.Contains("'Microsoft.Resources/deployments', 'key-vault')", Compiled.OwnSetting("auth", "signingKeyName"), StringComparison.Ordinal);
        Assert.EndsWith(".outputs.signingKeyName.value", Compiled.OwnSetting("auth", "signingKeyName"), StringComparison.Ordinal);
        Assert.EndsWith(".outputs.blobEndpoint.value", Compiled.OwnSetting("users", "documentsBlobEndpoint"), StringComparison.Ordinal);
        Assert.Equal("variables('documentsContainerName')", Compiled.OwnSetting("users", "documentsContainerName"));
        Assert.Equal("parameters('kycVerihubsAppId')", Compiled.OwnSetting("users", "verihubsAppId"));
        Assert.EndsWith(".outputs.endpoint.value", Compiled.OwnSetting("notifications", "emailEndpoint"), StringComparison.Ordinal);
        Assert.Equal("true()", Compiled.OwnSetting("notifications", "sendsPush"));
        Assert.Equal("parameters('fcmProjectId')", Compiled.OwnSetting("notifications", "fcmProjectId"));
        Assert.Equal("format('mailto:{0}', parameters('apimPublisherEmail'))", Compiled.OwnSetting("notifications", "pushContact"));

        // Who gets which: the key, the documents, e-KYC and mail each go to one service, the VAPID public key to two.
        var owners = new Dictionary<string, string[]>
        {
            ["signingKeyName"] = ["auth"],
            ["documentsBlobEndpoint"] = ["users"],
            ["documentsContainerName"] = ["users"],
            ["documentUploadsQueueName"] = ["users"],
            ["verihubsAppId"] = ["users"],
            ["vapidPublicKey"] = ["users", "notifications"],
            ["emailEndpoint"] = ["notifications"],
            ["emailSenderAddress"] = ["notifications"],
            ["sendsPush"] = ["notifications"],
            ["fcmProjectId"] = ["notifications"],
            ["pushContact"] = ["notifications"],
        };
        foreach (var (parameter, services) in owners)
        {
            Assert.Equal(services, ServiceNames.Where(service => Compiled.OwnSetting(service, parameter) is not null));
        }

        // A service without a setting gets what means "not this service" (app-settings.bicep's own default).
        Assert.EndsWith(", 'signingKeyName'), '')]", Parameter("serviceAppSettings", "signingKeyName"), StringComparison.Ordinal);
        Assert.EndsWith(", 'sendsPush'), false())]", Parameter("serviceAppSettings", "sendsPush"), StringComparison.Ordinal);
    }

    [Fact]
    public void What_refers_to_one_service_by_name_gets_that_service()
    {
        // serviceIndex: each service's position in services, derived from it so the two cannot disagree.
        Assert.Equal("[toObject(range(0, length(variables('services'))), lambda('i', variables('services')[lambdaVariables('i')].name))]", Compiled.Root["variables"]!["serviceIndex"]!.ToString());

        var byName = new List<(string Service, string Expression)>();
        foreach (var (name, value) in Compiled.Module("access").Properties!["parameters"]!["principalIds"]!["value"]!.AsObject())
        {
            byName.Add((name, value!.ToString()));
        }

        foreach (var (name, value) in Parameters("serviceAppSettings")["shared"]!["value"]!["callerPrincipalIds"]!.AsObject().Where(p => p.Key != "gateway"))
        {
            byName.Add((name, value!.ToString()));
        }

        foreach (var service in ServiceNames)
        {
            byName.Add((service, Compiled.Root["outputs"]![$"{service.ToUpperInvariant()}_FUNCTION_APP_NAME"]!["value"]!.ToString()));
        }

        Assert.Equal(12, byName.Count);
        Assert.All(byName, reference => Assert.Equal(reference.Service, CompiledTemplate.ReferencedService(reference.Expression)));
    }
}
