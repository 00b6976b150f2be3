namespace LoanPlatform.Infrastructure.Tests;

/// <summary>
/// How a new upload reaches the Users app on Flex Consumption, which runs no polling blob trigger: an Event Grid system
/// topic on the documents account sends BlobCreated events of the uploads' folder, with its own identity, to a queue
/// in the Users app's account that the app's queue trigger reads — the app opens no endpoint to Event Grid.
/// </summary>
public sealed class DocumentUploadEventsTests
{
    private static CompiledTemplate Compiled => CompiledTemplate.Instance;

    private static TemplateResource InModule(string type) =>
        Assert.Single(Compiled.OfType(type), r => r.DeploymentPath == "main/document-upload-events");

    [Fact]
    public void Blob_storage_reports_each_upload_of_the_documents_container_to_event_grid()
    {
        var topic = InModule("Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.Properties!["topicType"]!.ToString());
        Assert.Contains("parameters('documentsStorageAccountName')", topic.Properties["source"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("SystemAssigned", topic.Resource["identity"]!["type"]!.ToString());

        var parameters = Compiled.Module("document-upload-events").Properties!["parameters"]!;
        Assert.Contains("'documents-storage'", parameters["documentsStorageAccountName"]!["value"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("[variables('documentsContainerName')]", parameters["documentsContainerName"]!["value"]!.ToString());
    }

    [Fact]
    public void Only_blob_created_events_of_uploads_go_to_the_users_apps_queue_delivered_with_the_topics_identity()
    {
        var subscription = InModule("Microsoft.EventGrid/systemTopics/eventSubscriptions").Properties!;
        Assert.Equal("EventGridSchema", subscription["eventDeliverySchema"]!.ToString());
        var filter = subscription["filter"]!;
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(t => t!.ToString()));
        // Uploads are written under users/; the backend's sealed copies (sealed/…) must not come back as uploads.
        Assert.Equal("[format('/blobServices/default/containers/{0}/blobs/users/', parameters('documentsContainerName'))]", filter["subjectBeginsWith"]!.ToString());

        var delivery = subscription["deliveryWithResourceIdentity"]!;
        Assert.Equal("SystemAssigned", delivery["identity"]!["type"]!.ToString());
        Assert.Equal("StorageQueue", delivery["destination"]!["endpointType"]!.ToString());
        Assert.Contains("parameters('usersStorageAccountName')", delivery["destination"]!["properties"]!["resourceId"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("[parameters('uploadEventsQueueName')]", delivery["destination"]!["properties"]!["queueName"]!.ToString());
        Assert.Null(subscription["destination"]);

        var parameters = Compiled.Module("document-upload-events").Properties!["parameters"]!;
        Assert.Equal("users", CompiledTemplate.ReferencedService(parameters["usersStorageAccountName"]!["value"]!.ToString()));
        Assert.Equal("[variables('documentUploadsQueueName')]", parameters["uploadEventsQueueName"]!["value"]!.ToString());
    }

    [Fact]
    public void The_topic_may_only_send_messages_to_that_one_queue_which_the_users_app_owns_and_its_trigger_reads()
    {
        var grant = InModule("Microsoft.Authorization/roleAssignments");
        Assert.Contains("roles').storageQueueDataMessageSender", grant.Properties!["roleDefinitionId"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", grant.Template["variables"]!["roles"]!["storageQueueDataMessageSender"]!.ToString());
        Assert.Contains("parameters('uploadEventsQueueName')", grant.Resource["scope"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("systemTopics", grant.Properties["principalId"]!.ToString(), StringComparison.Ordinal);

        Assert.Equal("document-uploads", Compiled.Root["variables"]!["documentUploadsQueueName"]!.ToString());
        var usersQueues = Compiled.Service("users")["queues"]!.AsArray();
        Assert.Equal(["[variables('documentUploadsQueueName')]"], usersQueues.Select(q => q!.ToString()));
        Assert.Equal("variables('documentUploadsQueueName')", Compiled.OwnSetting("users", "documentUploadsQueueName"));
        var trigger = File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "src", "LoanPlatform.Users.Functions", "DocumentUploadedFunction.cs"));
        Assert.Contains("\"%Documents__UploadEvents__Queue%\"", trigger, StringComparison.Ordinal);
        // The app reads (and poisons) messages of its own account's queues: the queue data role on that account.
        var queueRole = Assert.Single(Compiled.OfType("Microsoft.Authorization/roleAssignments"),
            r => r.DeploymentPath == "main/serviceApps" && r.SymbolicName == "queueContributor");
        Assert.Equal("[or(parameters('needsQueuesAndTables'), not(empty(parameters('queues'))))]", queueRole.Resource["condition"]!.ToString());
    }
}
