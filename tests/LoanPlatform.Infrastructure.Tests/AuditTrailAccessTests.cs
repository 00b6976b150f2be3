namespace LoanPlatform.Infrastructure.Tests;

/// <summary>
/// Who may write what of the audit trail, in the compiled template: the Loans app may only create and read in the audit
/// container (a custom Cosmos DB data role, no replace, upsert or delete); API Management may only put messages on the
/// audit queue; the Notifications app alone writes checkpoints, to a container whose blobs no one can change.
/// </summary>
public sealed class AuditTrailAccessTests
{
    private const string ItemActions = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/";

    private static CompiledTemplate Compiled => CompiledTemplate.Instance;

    private static IEnumerable<TemplateResource> InAuditModule(string type) => Compiled.OfType(type).Where(r => r.DeploymentPath == "main/audit");

    [Fact]
    public void The_trails_writer_holds_a_custom_role_that_creates_and_reads_items_and_nothing_else_on_the_audit_container_only()
    {
        var role = Assert.Single(Compiled.OfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions"));
        Assert.Equal("CustomRole", role.Properties!["type"]!.ToString());
        var actions = role.Properties["permissions"]!.AsArray().Single()!["dataActions"]!.AsArray().Select(a => a!.ToString()).ToArray();
        Assert.Equal(
            [
                "Microsoft.DocumentDB/databaseAccounts/readMetadata",
                "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/executeQuery",
                ItemActions + "create",
                ItemActions + "read",
            ],
            actions.Order());
        Assert.DoesNotContain(actions, a => a.Contains('*', StringComparison.Ordinal));
        foreach (var forbidden in new[] { "replace", "upsert", "delete" })
        {
            Assert.DoesNotContain(ItemActions + forbidden, actions);
        }

        var scope = role.Template["variables"]!["auditContainerScope"]!.ToString();
        Assert.Equal("[format('{0}/dbs/{1}/colls/{2}', resourceId('Microsoft.DocumentDB/databaseAccounts', parameters('cosmosAccountName')), parameters('cosmosDatabaseName'), parameters('auditContainerName'))]", scope);
        Assert.Equal(["[variables('auditContainerScope')]"], role.Properties["assignableScopes"]!.AsArray().Select(s => s!.ToString()));

        var assignments = InAuditModule("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments").ToList();
        var appender = assignments.Single(a => a.Properties!["principalId"]!.ToString() == "[parameters('principalIds').loans]");
        Assert.Contains("'audit-appender'", appender.Properties!["roleDefinitionId"]!.ToString(), StringComparison.Ordinal);
        // The checkpoint writer reads the trail with the built-in reader role.
        var reader = assignments.Single(a => a.Properties!["principalId"]!.ToString() == "[parameters('principalIds').notifications]");
        Assert.EndsWith("variables('roles').cosmosDataReader)]", reader.Properties!["roleDefinitionId"]!.ToString());
        Assert.Equal("00000000-0000-0000-0000-000000000001", reader.Template["variables"]!["roles"]!["cosmosDataReader"]!.ToString());
        // Nobody holds the built-in contributor role on the audit container any more.
        Assert.DoesNotContain(Compiled.OfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"),
            a => a.Properties!["scope"]!.ToString().Contains("auditContainerName", StringComparison.Ordinal) && a.Properties["roleDefinitionId"]!.ToString().Contains("Contributor", StringComparison.Ordinal));
        var principals = Compiled.Module("audit").Properties!["parameters"]!["principalIds"]!["value"]!.AsObject();
        Assert.Equal("loans", CompiledTemplate.ReferencedService(principals["loans"]!.ToString()));
        Assert.Equal("notifications", CompiledTemplate.ReferencedService(principals["notifications"]!.ToString()));
        Assert.Contains("'apim')", principals["apim"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoints_go_to_a_container_of_their_own_under_a_time_based_immutability_policy_as_long_as_the_retention()
    {
        var policy = Assert.Single(InAuditModule("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"));
        Assert.Equal("[parameters('retentionDays')]", policy.Properties!["immutabilityPeriodSinceCreationInDays"]!.ToString());
        Assert.False(policy.Properties["allowProtectedAppendWrites"]!.GetValue<bool>());
        var parameters = Compiled.Module("audit").Properties!["parameters"]!;
        Assert.Equal("[parameters('auditRetentionDays')]", parameters["retentionDays"]!["value"]!.ToString());
        Assert.Equal(1826, Compiled.Root["parameters"]!["auditRetentionDays"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal("[variables('auditCheckpointContainerName')]", parameters["checkpointContainerName"]!["value"]!.ToString());
        // Its own account: not the Loans app's runtime account, where the trail's writer owns every blob.
        Assert.Contains("aud", parameters["checkpointStorageAccountName"]!["value"]!.ToString(), StringComparison.Ordinal);

        // On the checkpoint container: Notifications writes, Loans reads, nobody else has a role there.
        var grants = InAuditModule("Microsoft.Authorization/roleAssignments").Where(a => a.Resource["scope"]!.ToString().Contains("checkpointContainerName", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, grants.Count);
        var writer = grants.Single(a => a.Properties!["principalId"]!.ToString() == "[parameters('principalIds').notifications]");
        Assert.Contains("roles').storageBlobDataContributor", writer.Properties!["roleDefinitionId"]!.ToString(), StringComparison.Ordinal);
        var reader = grants.Single(a => a.Properties!["principalId"]!.ToString() == "[parameters('principalIds').loans]");
        Assert.Contains("roles').storageBlobDataReader", reader.Properties!["roleDefinitionId"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", policy.Template["variables"]!["roles"]!["storageBlobDataReader"]!.ToString());
    }

    [Fact]
    public void Api_management_may_only_put_messages_on_the_audit_queue_which_the_loans_apps_trigger_reads()
    {
        var grant = InAuditModule("Microsoft.Authorization/roleAssignments").Single(a => a.Properties!["principalId"]!.ToString() == "[parameters('principalIds').apim]");
        Assert.Equal("[parameters('principalIds').apim]", grant.Properties!["principalId"]!.ToString());
        Assert.Contains("roles').storageQueueDataMessageSender", grant.Properties["roleDefinitionId"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", grant.Template["variables"]!["roles"]!["storageQueueDataMessageSender"]!.ToString());
        Assert.Contains("parameters('auditQueueName')", grant.Resource["scope"]!.ToString(), StringComparison.Ordinal);

        Assert.Equal("audit-requests", Compiled.Root["variables"]!["auditQueueName"]!.ToString());
        var loansQueues = Compiled.Service("loans")["queues"]!.AsArray();
        Assert.Equal(["[variables('auditQueueName')]"], loansQueues.Select(q => q!.ToString()));
        Assert.Equal("loans", CompiledTemplate.ReferencedService(Compiled.Module("audit").Properties!["parameters"]!["loansStorageAccountName"]!["value"]!.ToString()));
        var trigger = File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "src", "LoanPlatform.Loans.Functions", "AuditRequestQueueFunctions.cs"));
        Assert.Contains("[QueueTrigger(\"%Audit__Queue__Name%\")]", trigger, StringComparison.Ordinal);
    }
}
