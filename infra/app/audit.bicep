metadata description = 'Who may write what of the audit trail: the Loans app appends to the audit container (a custom Cosmos DB data role with create and read only: no replace, upsert or delete) and reads checkpoints; API Management may only put messages on the Loans app\'s audit queue; the Notifications app (the checkpoint writer) reads the trail and alone writes checkpoints to a Blob container under a time-based immutability policy, in a storage account of its own.'

param location string = resourceGroup().location
param tags object = {}

@description('Principal ids: { loans (the trail\'s writer), notifications (the checkpoint writer), apim (puts each request\'s record on the audit queue) }.')
param principalIds object

param cosmosAccountName string
param cosmosDatabaseName string
param auditContainerName string

@description('The Loans app\'s runtime storage account, which holds the audit queue its queue trigger reads.')
param loansStorageAccountName string
param auditQueueName string

@description('The storage account of the checkpoint container; nothing else is kept in it.')
param checkpointStorageAccountName string
param checkpointContainerName string

@description('Days a checkpoint cannot be changed or deleted by anyone: the trail\'s retention.')
@minValue(1)
param retentionDays int

var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  // Cosmos DB built-in data-plane role: read items, query, read metadata.
  cosmosDataReader: '00000000-0000-0000-0000-000000000001'
}

// ---------------------------------------------------------------- the trail: append-only for its writer

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

var auditContainerScope = '${cosmos.id}/dbs/${cosmosDatabaseName}/colls/${auditContainerName}'

// The writer claims each chain position by creating that sequence's document; it never needs to change one.
resource auditAppender 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, auditContainerName, 'audit-appender')
  properties: {
    roleName: 'LoanPlatform audit appender'
    type: 'CustomRole'
    assignableScopes: [
      auditContainerScope
    ]
    permissions: [
      {
        dataActions: [
          'Microsoft.DocumentDB/databaseAccounts/readMetadata'
          'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/create'
          'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/read'
          'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/executeQuery'
        ]
        notDataActions: []
      }
    ]
  }
}

resource loansAppends 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, auditContainerName, principalIds.loans, 'audit-appender')
  properties: {
    principalId: principalIds.loans
    roleDefinitionId: auditAppender.id
    scope: auditContainerScope
  }
}

// The checkpoint writer reads every shard's tail.
resource notificationsReadsTrail 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, auditContainerName, principalIds.notifications, roles.cosmosDataReader)
  properties: {
    principalId: principalIds.notifications
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${roles.cosmosDataReader}'
    scope: auditContainerScope
  }
}

// ---------------------------------------------------------------- the hand-off: API Management may only put messages

resource loansStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: loansStorageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource auditQueue 'queues' existing = {
      name: auditQueueName
    }
  }
}

resource apimPutsAuditMessages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(loansStorage::queueService::auditQueue.id, principalIds.apim, roles.storageQueueDataMessageSender)
  scope: loansStorage::queueService::auditQueue
  properties: {
    principalId: principalIds.apim
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
  }
}

// ---------------------------------------------------------------- checkpoints: immutable once written

module checkpointStorage '../core/storage/storage-account.bicep' = {
  name: 'audit-checkpoint-storage'
  params: {
    name: checkpointStorageAccountName
    location: location
    tags: tags
    containers: [
      checkpointContainerName
    ]
  }
}

resource checkpointAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: checkpointStorageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource checkpoints 'containers' existing = {
      name: checkpointContainerName
    }
  }
}

// Time-based retention: no blob can be overwritten or deleted for retentionDays after it was written, whoever asks.
// Lock it once deployed (docs/deployment.md): a locked policy cannot be removed or shortened either.
resource checkpointImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: checkpointAccount::blobService::checkpoints
  name: 'default'
  dependsOn: [
    checkpointStorage
  ]
  properties: {
    immutabilityPeriodSinceCreationInDays: retentionDays
    allowProtectedAppendWrites: false
  }
}

resource notificationsWritesCheckpoints 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(checkpointAccount::blobService::checkpoints.id, principalIds.notifications, roles.storageBlobDataContributor)
  scope: checkpointAccount::blobService::checkpoints
  dependsOn: [
    checkpointStorage
  ]
  properties: {
    principalId: principalIds.notifications
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

resource loansReadsCheckpoints 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(checkpointAccount::blobService::checkpoints.id, principalIds.loans, roles.storageBlobDataReader)
  scope: checkpointAccount::blobService::checkpoints
  dependsOn: [
    checkpointStorage
  ]
  properties: {
    principalId: principalIds.loans
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
  }
}

output auditQueueUrl string = '${loansStorage.properties.primaryEndpoints.queue}${auditQueueName}'
output checkpointContainerUri string = '${checkpointStorage.outputs.blobEndpoint}${checkpointContainerName}'
