using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LoanPlatform.Infrastructure.Tests;

public partial class SecurityTests
{
    private static readonly string[] Services = ["auth", "users", "loans", "notifications"];

    private static CompiledTemplate Compiled => CompiledTemplate.Instance;

    /// <summary>Resources the template creates (not references to existing ones).</summary>
    /// <remarks>A module called N times embeds its template N times; identical copies count once.</remarks>
    private static IEnumerable<TemplateResource> Created(string type) =>
        Compiled.OfType(type)
            .Where(r => r.Resource["existing"]?.GetValue<bool>() != true)
            .DistinctBy(r => r.Resource.ToJsonString());

    /// <summary>Web resources of the Function apps; the officer console is an App Service of its own (ConsoleInfrastructureTests).</summary>
    private static bool IsFunctionApp(TemplateResource resource) => !resource.DeploymentPath.EndsWith("/officer-console", StringComparison.Ordinal);

    private static bool? Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    [Fact]
    public void Storage_accounts_allow_neither_shared_keys_nor_public_blobs()
    {
        var accounts = Created("Microsoft.Storage/storageAccounts").ToList();
        Assert.NotEmpty(accounts);
        foreach (var account in accounts)
        {
            var p = account.Properties!;
            Assert.False(Bool(p["allowSharedKeyAccess"]) ?? true, "allowSharedKeyAccess must be the literal false");
            Assert.False(Bool(p["allowBlobPublicAccess"]) ?? true, "allowBlobPublicAccess must be the literal false");
            Assert.True(Bool(p["supportsHttpsTrafficOnly"]));
            Assert.True(Bool(p["defaultToOAuthAuthentication"]));
            Assert.Equal("TLS1_2", p["minimumTlsVersion"]?.ToString());
        }

        foreach (var container in Created("Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            Assert.Equal("None", container.Properties!["publicAccess"]?.ToString());
        }
    }

    [Fact]
    public void Documents_storage_has_cors_soft_delete_versioning_and_a_lifecycle_rule()
    {
        var module = Compiled.Module("documents-storage").Properties!["parameters"]!;
        Assert.Equal("[variables('documentsContainerName')]", module["containers"]!["value"]![0]!.ToString());
        Assert.Equal("documents", Compiled.Root["variables"]!["documentsContainerName"]!.ToString());
        var cors = module["blobCorsRules"]!["value"]![0]!;
        Assert.Contains("PUT", cors["allowedMethods"]!.AsArray().Select(m => m!.ToString()));
        Assert.Equal("[variables('origins')]", cors["allowedOrigins"]!.ToString());
        Assert.True(module["deleteRetentionDays"]!["value"]!.GetValue<int>() > 0);
        Assert.True(module["enableVersioning"]!["value"]!.GetValue<bool>());
        Assert.NotEmpty(module["lifecycleRules"]!["value"]!.AsArray());
    }

    [Fact]
    public void Only_upload_blobs_expire_and_sealed_documents_are_kept()
    {
        var rules = Compiled.Module("documents-storage").Properties!["parameters"]!["lifecycleRules"]!["value"]!.AsArray();
        var deleting = rules.Where(r => r!["definition"]!["actions"]!["baseBlob"]?["delete"] is not null).ToList();

        var uploads = Assert.Single(deleting)!["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => p!.ToString());
        Assert.Equal(["[format('{0}/users/', variables('documentsContainerName'))]"], uploads);
    }

    [Fact]
    public void Local_authentication_is_off_wherever_the_service_supports_it()
    {
        var cosmos = Created("Microsoft.DocumentDB/databaseAccounts").Single().Properties!;
        Assert.True(Bool(cosmos["disableLocalAuth"]));
        Assert.True(Bool(cosmos["disableKeyBasedMetadataWriteAccess"]));

        Assert.True(Bool(Created("Microsoft.ServiceBus/namespaces").Single().Properties!["disableLocalAuth"]));
        Assert.True(Bool(Created("Microsoft.Communication/communicationServices").Single().Properties!["disableLocalAuth"]));
        Assert.True(Bool(Created("Microsoft.Insights/components").Single().Properties!["DisableLocalAuth"]));
        Assert.True(Bool(Created("Microsoft.OperationalInsights/workspaces").Single().Properties!["features"]!["disableLocalAuth"]));

        var vault = Created("Microsoft.KeyVault/vaults").Single().Properties!;
        Assert.True(Bool(vault["enableRbacAuthorization"]));
        Assert.True(Bool(vault["enablePurgeProtection"]));
        Assert.Null(vault["accessPolicies"]);
    }

    [Fact]
    public void Cosmos_has_one_container_per_service_and_one_for_the_audit_trail_with_pk_and_item_ttl()
    {
        var containers = Compiled.Module("cosmos").Properties!["parameters"]!["containers"]!["value"]!.AsArray();
        Assert.Equal([.. Services, "[variables('auditContainerName')]"], containers.Select(c => c!["name"]!.ToString()));
        Assert.Equal("audit", Compiled.Root["variables"]!["auditContainerName"]!.ToString());
        foreach (var container in containers)
        {
            Assert.Equal("/pk", container!["partitionKeyPath"]!.ToString());
            Assert.Equal(-1, container["defaultTtl"]!.GetValue<int>());
        }

        Assert.Equal("loanplatform", Compiled.Root["variables"]!["cosmosDatabaseName"]!.ToString());
    }

    [Fact]
    public void Every_cosmos_data_role_is_scoped_to_the_services_own_container()
    {
        // Data-plane assignments: the per-service module's (container scope, own identity) and the audit container's two.
        var assignments = Created("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments").ToList();
        Assert.Equal(3, assignments.Count);
        var assignment = assignments.Single(a => a.DeploymentPath != "main/audit");
        Assert.Equal(
            "[format('{0}/dbs/{1}/colls/{2}', resourceId('Microsoft.DocumentDB/databaseAccounts', parameters('cosmosAccountName')), parameters('cosmosDatabaseName'), parameters('cosmosContainerName'))]",
            assignment.Properties!["scope"]!.ToString());
        Assert.Equal("[reference('identity').principalId]", assignment.Properties["principalId"]!.ToString());
        Assert.Equal("[not(empty(parameters('cosmosContainerName')))]", assignment.Resource["condition"]!.ToString());
        Assert.EndsWith("variables('roles').cosmosDataContributor)]", assignment.Properties["roleDefinitionId"]!.ToString());
        Assert.Equal("00000000-0000-0000-0000-000000000002", assignment.Template["variables"]!["roles"]!["cosmosDataContributor"]!.ToString());
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", assignment.Template["resources"]!["identity"]!["type"]!.ToString());

        // Each service module is given its own container.
        var parameters = Compiled.ModuleLoop("serviceApps").Properties!["parameters"]!;
        Assert.Equal("[variables('services')[copyIndex()].name]", parameters["serviceName"]!["value"]!.ToString());
        Assert.Equal("[variables('services')[copyIndex()].cosmosContainerName]", parameters["cosmosContainerName"]!["value"]!.ToString());
        foreach (var service in Services)
        {
            Assert.Equal(service, Compiled.Service(service)["cosmosContainerName"]!.ToString());
        }

        // The audit container's are scoped to it alone (see the audit trail's own tests for what they allow).
        Assert.All(assignments.Where(a => a.DeploymentPath == "main/audit"), audit => Assert.Equal("[variables('auditContainerScope')]", audit.Properties!["scope"]!.ToString()));
        Assert.Equal("[variables('auditContainerName')]", Compiled.Module("audit").Properties!["parameters"]!["auditContainerName"]!["value"]!.ToString());

        // And no Azure RBAC role on the Cosmos account itself (control-plane roles like Contributor can list keys).
        foreach (var roleAssignment in Created("Microsoft.Authorization/roleAssignments"))
        {
            Assert.DoesNotContain("DocumentDB", roleAssignment.Resource["scope"]?.ToString() ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_function_app_runs_on_flex_consumption_as_its_own_user_assigned_identity()
    {
        var site = Created("Microsoft.Web/sites").Single(IsFunctionApp);
        var identity = site.Resource["identity"]!;
        Assert.Equal("UserAssigned", identity["type"]!.ToString());
        Assert.Equal("[parameters('identityId')]", site.Properties!["keyVaultReferenceIdentity"]!.ToString());
        Assert.Equal("functionapp,linux", site.Resource["kind"]!.ToString());
        Assert.True(Bool(site.Properties["httpsOnly"]));
        var config = site.Properties["functionAppConfig"]!;
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.ToString());
        Assert.Equal("[parameters('runtimeName')]", config["runtime"]!["name"]!.ToString());
        Assert.Equal("dotnet-isolated", site.Template["parameters"]!["runtimeName"]!["defaultValue"]!.ToString());
        Assert.Equal("10.0", site.Template["parameters"]!["runtimeVersion"]!["defaultValue"]!.ToString());

        var plan = Created("Microsoft.Web/serverfarms").Single(IsFunctionApp);
        Assert.Equal("FC1", plan.Resource["sku"]!["name"]!.ToString());
        Assert.Equal("FlexConsumption", plan.Resource["sku"]!["tier"]!.ToString());

        foreach (var policy in Created("Microsoft.Web/sites/basicPublishingCredentialsPolicies"))
        {
            Assert.False(Bool(policy.Properties!["allow"]) ?? true);
        }

        // One service module, deployed for every app, creating its own identity and tagging the app for azd.
        Assert.Equal(Services, Compiled.Services.Select(s => s["name"]!.ToString()));
        var module = Compiled.ModuleLoop("serviceApps");
        Assert.Equal("[length(variables('services'))]", module.Resource["copy"]!["count"]!.ToString());
        var resources = CompiledTemplate.ResourcesOf(module.Properties!["template"]!.AsObject()).ToList();
        Assert.Contains(resources, r => r.Resource["type"]!.ToString() == "Microsoft.ManagedIdentity/userAssignedIdentities");
        Assert.Contains("'azd-service-name', parameters('serviceName')", module.Properties["template"]!.ToJsonString().Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void No_secret_is_read_from_a_resource_or_written_into_the_template()
    {
        var json = Compiled.Build.StandardOutput;
        foreach (var forbidden in new[] { "listKeys(", "listConnectionStrings(", "listAccountSas(", "listServiceSas(", "listSecrets(", "listCredentials(", "AccountKey=", "SharedAccessKey=", "primaryMasterKey", "primaryKey" })
        {
            Assert.DoesNotContain(forbidden, json, StringComparison.OrdinalIgnoreCase);
        }

        // No secure parameter with a default value anywhere.
        foreach (var template in Compiled.Resources.Select(r => r.Template).Append(Compiled.Root).Distinct())
        {
            foreach (var (name, parameter) in (template["parameters"] as JsonObject ?? []).Select(p => (p.Key, p.Value!)))
            {
                var type = parameter["type"]?.ToString() ?? "";
                if (type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Null(parameter["defaultValue"]);
                }

                Assert.False(SecretName().IsMatch(name) && type == "string" && parameter["defaultValue"] is not null, $"parameter {name} looks like a secret and has a default");
            }
        }
    }

    [Fact]
    public void Every_app_setting_is_an_endpoint_a_name_or_a_key_vault_reference()
    {
        var config = Created("Microsoft.Web/sites/config").Single();
        Assert.EndsWith("'appsettings')]", config.Resource["name"]!.ToString(), StringComparison.Ordinal);
        var variables = config.Template["variables"]!.AsObject();

        var union = config.Resource["properties"]!.ToString();
        Assert.StartsWith("[union(variables('common')", union, StringComparison.Ordinal);

        var settings = new Dictionary<string, string>();
        foreach (var group in new[] { "common", "documentStore", "documents", "signing", "email", "push", "webPush", "fcm" })
        {
            Assert.Contains($"variables('{group}')", union, StringComparison.Ordinal);
            foreach (var (key, value) in variables[group]!.AsObject())
            {
                settings.Add(key, value!.ToString());
            }
        }

        // Host storage by identity: no AzureWebJobsStorage connection string.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AZURE_CLIENT_ID"]);

        // App Insights by Entra ID.
        Assert.Equal("[format('Authorization=AAD;ClientId={0}', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);

        // The settings the code reads.
        foreach (var required in new[]
        {
            "DocumentStore__Provider", "DocumentStore__Cosmos__AccountEndpoint", "DocumentStore__Cosmos__ContainerName",
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "Documents__Provider", "Documents__AzureBlob__ServiceUri", "Documents__AzureBlob__Container", "Documents__UploadEvents__Queue",
            "Jwt__Issuer", "Jwt__Audience", "Jwt__MetadataAddress", "ServiceIdentity__Mode", "ServiceIdentity__Audience", "Services__Auth__InternalUrl", "Services__Users__InternalUrl", "Services__Audit__InternalUrl", "Auth__SigningKey__KeyVaultUri", "Notifications__Queue__ServiceUri",
            "ServiceBus__FullyQualifiedNamespace", "Email__Acs__Endpoint", "TASKHUB_NAME", "Audit__Queue__Name", "Audit__Checkpoints__ContainerUri", "Audit__RetentionDays",
        })
        {
            Assert.Contains(required, settings.Keys);
        }

        foreach (var (key, value) in settings)
        {
            // The App Insights connection string locates the resource only: local auth is off, so it authorizes nothing.
            if (key == "APPLICATIONINSIGHTS_CONNECTION_STRING")
            {
                continue;
            }

            Assert.False(SecretName().IsMatch(key) && !value.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal), $"{key} looks like a secret but is not a Key Vault reference");
            if (!value.StartsWith('['))
            {
                // A literal: a short non-secret constant.
                Assert.True(value.Length < 40 && !value.Contains('='), $"{key} holds a literal that could be a secret: {value}");
            }
        }

        // The VAPID private key and the FCM service account key: Key Vault references built from the vault URI and the
        // secret names; each channel is on with its own setting, and push is off without either.
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", variables["webPush"]!["Push__Vapid__PrivateKey"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("push-vapid-private-key", variables["webPush"]!["Push__Vapid__PrivateKey"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", variables["fcm"]!["Push__Fcm__ServiceAccountJson"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("push-fcm-service-account", variables["fcm"]!["Push__Fcm__ServiceAccountJson"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("parameters('fcmProjectId')", variables["fcm"]!["Push__Fcm__ProjectId"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Remote", variables["push"]!["Push__Provider"]!.ToString());
        Assert.Equal("Disabled", variables["pushOff"]!["Push__Provider"]!.ToString());
        Assert.DoesNotContain("PrivateKey", variables["pushKey"]!.ToJsonString(), StringComparison.Ordinal);
        // The e-KYC provider's API key is a Key Vault reference too, and without an application id the Manual provider runs.
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", variables["kycVerihubs"]!["Kyc__Verihubs__ApiKey"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("kyc-verihubs-api-key", variables["kycVerihubs"]!["Kyc__Verihubs__ApiKey"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("empty(parameters('verihubsAppId'))", union, StringComparison.Ordinal);
        // FCM is off by default: an empty project id leaves the fcm group out.
        Assert.Contains("empty(parameters('fcmProjectId'))", union, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_key_is_usable_only_by_the_auth_service()
    {
        var key = Created("Microsoft.KeyVault/vaults/keys").Single();
        // ES256, the algorithm every validator (services, gateway, APIM) pins.
        Assert.Equal("EC", key.Properties!["kty"]!.ToString());
        Assert.Equal("P-256", key.Properties!["curveName"]!.ToString());

        var access = Compiled.Module("access");
        var grant = CompiledTemplate.ResourcesOf(access.Properties!["template"]!.AsObject())
            .Select(r => r.Resource)
            .Single(r => r["type"]!.ToString() == "Microsoft.Authorization/roleAssignments"
                && (r["scope"]?.ToString() ?? "").Contains("Microsoft.KeyVault/vaults/keys", StringComparison.Ordinal));
        Assert.Equal("[parameters('principalIds').auth]", grant["properties"]!["principalId"]!.ToString());
    }

    [GeneratedRegex("(?i)(password|secret|privatekey|apikey|accountkey|sharedaccess|connectionstring|serviceaccountjson|sas)")]
    private static partial Regex SecretName();
}
