metadata description = 'Blob Storage reports each new upload (BlobCreated under the documents container\'s users/ folder) to Event Grid, which puts the event on the Users app\'s document-uploads queue with its own identity: the Flex Consumption plan runs no polling blob trigger, and a queue keeps the app closed to all but API Management (a webhook would need it open to Event Grid, with a function key).'

param location string = resourceGroup().location
param tags object = {}

param documentsStorageAccountName string
param documentsContainerName string

@description('The Users app\'s runtime storage account, which holds the queue its trigger reads (AzureWebJobsStorage).')
param usersStorageAccountName string
param uploadEventsQueueName string

var roles = {
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
}

resource documentsAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: documentsStorageAccountName
}

resource usersStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: usersStorageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource uploadEventsQueue 'queues' existing = {
      name: uploadEventsQueueName
    }
  }
}

resource documentEvents 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: 'evgt-${documentsStorageAccountName}'
  location: location
  tags: tags
  // Its own identity delivers to the queue: no storage key or connection string anywhere.
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: documentsAccount.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Event Grid may put messages on this one queue and nothing else.
resource topicSendsUploadEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(usersStorage::queueService::uploadEventsQueue.id, documentEvents.id, roles.storageQueueDataMessageSender)
  scope: usersStorage::queueService::uploadEventsQueue
  properties: {
    principalId: documentEvents.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
  }
}

resource uploadsToQueue 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: documentEvents
  name: 'document-uploads'
  dependsOn: [
    topicSendsUploadEvents
  ]
  properties: {
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: usersStorage.id
          queueName: uploadEventsQueueName
          // Kept until the trigger takes it (-1: no expiry); a backlog must not lose an upload.
          queueMessageTimeToLiveInSeconds: -1
        }
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      // Uploads only: the sealed copies (sealed/…) are the backend's own writes.
      subjectBeginsWith: '/blobServices/default/containers/${documentsContainerName}/blobs/users/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
