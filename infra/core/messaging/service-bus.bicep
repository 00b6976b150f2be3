metadata description = 'Service Bus namespace (Standard, needed for topics; Premium for a private endpoint) with SAS (local) auth disabled and the integration-events topic.'

param name string
param location string = resourceGroup().location
param tags object = {}
param topicNames string[]

@description('Premium when the namespace gets a private endpoint (vnetEnabled); Standard has none.')
@allowed([
  'Standard'
  'Premium'
])
param sku string = 'Standard'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }

  resource topics 'topics' = [
    for topic in topicNames: {
      name: topic
      properties: {
        defaultMessageTimeToLive: 'P14D'
        requiresDuplicateDetection: true
        duplicateDetectionHistoryTimeWindow: 'PT10M'
        enableBatchedOperations: true
      }
    }
  ]
}

output name string = namespace.name
output id string = namespace.id
// serviceBusEndpoint is https://<name>.servicebus.windows.net:443/; the SDK wants the bare host name.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
