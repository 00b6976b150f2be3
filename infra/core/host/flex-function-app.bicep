metadata description = 'A Function app on its own Flex Consumption (FC1) plan: Linux, .NET isolated, user-assigned identity only, deployment package pulled from blob storage by that identity, basic-auth publishing off. App settings are deployed separately (infra/app/app-settings.bicep) once every endpoint they name exists.'

param name string
param planName string
param location string = resourceGroup().location
param tags object = {}

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Blob container URL (https://<account>.blob.<suffix>/<container>) holding the deployment package.')
param deploymentContainerUrl string

@description('Outbound VNet integration: the subnet (delegated to Microsoft.App/environments) this app sends from; empty without vnetEnabled.')
param virtualNetworkSubnetId string = ''

@description('Subnets whose apps may call this one (the services\' integration subnets, with the Microsoft.Web service endpoint); empty without vnetEnabled.')
param callerSubnetIds string[] = []

param runtimeName string = 'dotnet-isolated'
param runtimeVersion string = '10.0'

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

// Inbound: API Management's service tag, then the other services. With vnetEnabled those come from their integration
// subnets; without it their outbound addresses are Azure's shared ones, so only the AzureCloud tag admits them. Either way
// a tag is shared with other tenants: the app itself refuses any public request without API Management's own token
// (GatewayProof) and any internal one without a named caller's token.
var apimRule = {
  name: 'ApiManagement'
  description: 'API Management (each request also carries its managed identity token)'
  action: 'Allow'
  tag: 'ServiceTag'
  ipAddress: 'ApiManagement'
  priority: 100
}
var serviceRules = empty(callerSubnetIds)
  ? [
      {
        name: 'PlatformServices'
        description: 'The other LoanPlatform apps (internal endpoints; each checks the caller\'s identity)'
        action: 'Allow'
        tag: 'ServiceTag'
        ipAddress: 'AzureCloud'
        priority: 200
      }
    ]
  : map(range(0, length(callerSubnetIds)), i => {
      name: 'PlatformSubnet${i}'
      description: 'A LoanPlatform app\'s integration subnet (internal endpoints)'
      action: 'Allow'
      vnetSubnetResourceId: callerSubnetIds[i]
      priority: 200 + i
    })

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Only API Management and the other services reach the app; everyone else gets 403 from the platform.
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: concat([apimRule], serviceRules)
      // Deployment (azd) goes through the scm site, where basic auth is off: Entra ID decides who may publish.
      scmIpSecurityRestrictionsUseMain: false
      vnetRouteAllEnabled: !empty(virtualNetworkSubnetId)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }

  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
