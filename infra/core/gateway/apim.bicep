metadata description = 'API Management service and its gateway logs to Log Analytics. Named values and the global policy are in apim-gateway-policy.bicep, deployed once Front Door (if any) exists; APIs in apim-api.bicep.'

param name string
param location string = resourceGroup().location
param tags object = {}

@allowed([
  'Developer'
  'BasicV2'
  'StandardV2'
  'Premium'
])
@description('SKU. Consumption is not offered: it lacks rate-limit-by-key.')
param sku string = 'BasicV2'

@minValue(1)
param skuCount int = 1

param publisherEmail string
param publisherName string

param logAnalyticsWorkspaceId string

resource apim 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    capacity: skuCount
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
    customProperties: {
      'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10': 'False'
      'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls11': 'False'
      'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Tls10': 'False'
      'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Tls11': 'False'
      'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Ssl30': 'False'
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'gateway-logs'
  scope: apim
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = apim.name
output gatewayUrl string = apim.properties.gatewayUrl
@description('The system-assigned identity; it reports requests to the audit trail and needs the internal API\'s Service app role.')
output principalId string = apim.identity.principalId
output gatewayHostName string = replace(apim.properties.gatewayUrl, 'https://', '')
