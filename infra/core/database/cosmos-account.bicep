metadata description = 'Cosmos DB for NoSQL account (serverless by default) with local (key) auth disabled, one database and one container per service. Access is granted per container with data-plane role assignments (see infra/app/service.bicep).'

param name string
param location string = resourceGroup().location
param tags object = {}

@description('Serverless (pay per request) or Provisioned (autoscale throughput on the database).')
@allowed([
  'Serverless'
  'Provisioned'
])
param capacityMode string = 'Serverless'

@description('Autoscale maximum RU/s for the shared database throughput when capacityMode is Provisioned.')
@minValue(1000)
param autoscaleMaxThroughput int = 1000

param databaseName string

@description('Containers: { name, partitionKeyPath, defaultTtl, uniqueKeyPaths }.')
param containers array

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: capacityMode == 'Serverless' ? [ { name: 'EnableServerless' } ] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
  }

  resource database 'sqlDatabases' = {
    name: databaseName
    properties: {
      resource: {
        id: databaseName
      }
      options: capacityMode == 'Provisioned' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
    }

    resource sqlContainers 'containers' = [
      for container in containers: {
        name: container.name
        properties: {
          resource: {
            id: container.name
            partitionKey: {
              paths: [
                container.partitionKeyPath
              ]
              kind: 'Hash'
              version: 2
            }
            defaultTtl: container.defaultTtl
            uniqueKeyPolicy: {
              uniqueKeys: map(container.uniqueKeyPaths, path => { paths: [ path ] })
            }
            indexingPolicy: {
              indexingMode: 'consistent'
              automatic: true
              includedPaths: [
                {
                  path: '/*'
                }
              ]
              excludedPaths: [
                {
                  path: '/"_etag"/?'
                }
              ]
            }
          }
        }
      }
    ]
  }
}

output name string = account.name
output id string = account.id
output endpoint string = account.properties.documentEndpoint
output databaseName string = databaseName
