metadata description = 'A StorageV2 account with shared-key access and public blob access off (Entra ID only), TLS 1.2, optional blob containers, queues, tables, CORS, soft delete, versioning and lifecycle rules.'

param name string
param location string = resourceGroup().location
param tags object = {}

@description('Blob containers to create (always private).')
param containers string[] = []

@description('Queues to create.')
param queues string[] = []

@description('CORS rules for the blob service (for example direct PUT uploads from the apps\' origins).')
param blobCorsRules array = []

@description('Days to keep deleted blobs and containers; 0 turns soft delete off.')
@minValue(0)
@maxValue(365)
param deleteRetentionDays int = 7

param enableVersioning bool = false

@description('Lifecycle management rules (Microsoft.Storage/storageAccounts/managementPolicies rule objects).')
param lifecycleRules array = []

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'
    properties: {
      cors: {
        corsRules: blobCorsRules
      }
      deleteRetentionPolicy: {
        enabled: deleteRetentionDays > 0
        days: max(deleteRetentionDays, 1)
      }
      containerDeleteRetentionPolicy: {
        enabled: deleteRetentionDays > 0
        days: max(deleteRetentionDays, 1)
      }
      isVersioningEnabled: enableVersioning
    }

    resource blobContainers 'containers' = [
      for container in containers: {
        name: container
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  resource queueServices 'queueServices' = if (!empty(queues)) {
    name: 'default'

    resource storageQueues 'queues' = [
      for queue in queues: {
        name: queue
      }
    ]
  }

  resource managementPolicies 'managementPolicies' = if (!empty(lifecycleRules)) {
    name: 'default'
    properties: {
      policy: {
        rules: lifecycleRules
      }
    }
  }
}

output name string = storage.name
output id string = storage.id
output primaryEndpoints object = storage.properties.primaryEndpoints
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
