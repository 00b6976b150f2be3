metadata description = 'One LoanPlatform service in the cloud: its user-assigned identity, its own runtime storage account (AzureWebJobsStorage, deployment package, Durable task hub), its Flex Consumption Function app, and the data roles it needs on its own resources — including the Cosmos DB data role scoped to its own container only.'

@description('Service name: auth, users, loans or notifications (also the azd-service-name tag).')
param serviceName string
param location string = resourceGroup().location
param tags object = {}

param identityName string
param functionAppName string
param planName string
param storageAccountName string

@description('Queues in the service\'s own storage account (for example the notifications queue the Notifications app is triggered by).')
param queues string[] = []

@description('Grant queue and table data roles on its own storage (Durable Functions on the Azure Storage provider, queue triggers).')
param needsQueuesAndTables bool = false

param applicationInsightsName string

param cosmosAccountName string
param cosmosDatabaseName string

@description('The Cosmos DB container this service owns; empty for a service without data.')
param cosmosContainerName string = ''

@description('vnetEnabled: this app\'s outbound integration subnet, and the subnets of the apps that may call it.')
param virtualNetworkSubnetId string = ''
param callerSubnetIds string[] = []

var deploymentContainerName = 'app-package'

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  cosmosDataContributor: '00000000-0000-0000-0000-000000000002'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

module storage '../core/storage/storage-account.bicep' = {
  name: '${serviceName}-storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containers: [
      deploymentContainerName
    ]
    queues: queues
  }
}

module functionApp '../core/host/flex-function-app.bicep' = {
  name: '${serviceName}-function-app'
  params: {
    name: functionAppName
    planName: planName
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    identityId: identity.id
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    virtualNetworkSubnetId: virtualNetworkSubnetId
    callerSubnetIds: callerSubnetIds
  }
}

resource runtimeStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

// AzureWebJobsStorage (host leases, keys) and the deployment package: blob data owner on its own account only.
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(runtimeStorage.id, identity.id, roles.storageBlobDataOwner)
  scope: runtimeStorage
  dependsOn: [
    storage
  ]
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// The queues of its own account that its triggers read (and their poison queues), or the task hub's.
resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (needsQueuesAndTables || !empty(queues)) {
  name: guid(runtimeStorage.id, identity.id, roles.storageQueueDataContributor)
  scope: runtimeStorage
  dependsOn: [
    storage
  ]
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (needsQueuesAndTables) {
  name: guid(runtimeStorage.id, identity.id, roles.storageTableDataContributor)
  scope: runtimeStorage
  dependsOn: [
    storage
  ]
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// App Insights with local auth off accepts telemetry only from identities holding this role.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

// Database per service, enforced: the data role is scoped to this service's own container, never the account or database.
resource cosmosContainerAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(cosmosContainerName)) {
  parent: cosmos
  name: guid(cosmos.id, cosmosDatabaseName, cosmosContainerName, identity.id, roles.cosmosDataContributor)
  properties: {
    principalId: identity.properties.principalId
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${roles.cosmosDataContributor}'
    scope: '${cosmos.id}/dbs/${cosmosDatabaseName}/colls/${cosmosContainerName}'
  }
}

output identityId string = identity.id
output identityPrincipalId string = identity.properties.principalId
output identityClientId string = identity.properties.clientId
output functionAppName string = functionApp.outputs.name
output defaultHostName string = functionApp.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output blobEndpoint string = storage.outputs.blobEndpoint
output queueEndpoint string = storage.outputs.queueEndpoint
output tableEndpoint string = storage.outputs.tableEndpoint
