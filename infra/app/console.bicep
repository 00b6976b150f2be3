metadata description = 'The officer console: a Linux App Service (Blazor Server) reachable only over HTTPS, running as its own user-assigned identity. Staff sign in with Entra ID; the console calls only the public API (API Management) with the officer\'s token, acquired by Microsoft.Identity.Web with a federated credential of this identity instead of a client secret.'

param location string = resourceGroup().location
param tags object = {}

param identityName string
param appServiceName string
param planName string

@description('App Service plan SKU. B1 runs one instance; Blazor Server keeps each officer\'s circuit on one instance, so scaling out needs ARR affinity (on) and, across restarts, a shared data protection key ring.')
param planSku string = 'B1'

@description('The public API the console calls: API Management\'s gateway or Front Door.')
param apiBaseUrl string

@description('Tenant of the staff directory.')
param staffTenantId string

@description('Application (client) id of the console\'s own app registration (the staff client app API Management accepts).')
param consoleClientId string

@description('Application (client) id of the staff API app registration whose token the console requests for the officer.')
param staffApiClientId string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appServiceName
  location: location
  tags: union(tags, { 'azd-service-name': 'console' })
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Blazor Server's SignalR connection.
      webSocketsEnabled: true
      alwaysOn: true
      healthCheckPath: '/health/ready'
      appSettings: [
        { name: 'Console__ApiBaseUrl', value: apiBaseUrl }
        { name: 'Console__SignIn', value: 'Entra' }
        { name: 'Console__ApiScope', value: 'api://${staffApiClientId}/.default' }
        { name: 'AzureAd__Instance', value: environment().authentication.loginEndpoint }
        { name: 'AzureAd__TenantId', value: staffTenantId }
        { name: 'AzureAd__ClientId', value: consoleClientId }
        { name: 'AzureAd__CallbackPath', value: '/signin-oidc' }
        { name: 'AzureAd__SignedOutCallbackPath', value: '/signout-callback-oidc' }
        // No client secret: the app registration trusts this managed identity (a federated identity credential).
        { name: 'AzureAd__ClientCredentials__0__SourceType', value: 'SignedAssertionFromManagedIdentity' }
        { name: 'AzureAd__ClientCredentials__0__ManagedIdentityClientId', value: identity.properties.clientId }
        // App Service's front end terminates TLS; the console must see the public scheme and host for its redirect URIs.
        { name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED', value: 'true' }
      ]
    }
  }
}

// Deployment by azd uses Entra ID, never the basic publishing credentials.
resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
output identityPrincipalId string = identity.properties.principalId
output identityClientId string = identity.properties.clientId
