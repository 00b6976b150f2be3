targetScope = 'subscription'

metadata description = 'LoanPlatform: four Function apps (auth, users, loans, notifications) on Flex Consumption behind API Management (and optionally Front Door with WAF), with Cosmos DB, Blob Storage, Service Bus, Communication Services Email, Key Vault and Azure Monitor. Identity-based access everywhere; no keys or connection secrets.'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used in the resource group name and the resource token.')
param environmentName string

@minLength(1)
@description('Primary location for all resources.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Name of the resource group; default rg-<environmentName>.')
param resourceGroupName string = ''

@description('API Management SKU. BasicV2 provisions in minutes; Developer has no SLA; Consumption lacks rate-limit-by-key.')
@allowed([
  'Developer'
  'BasicV2'
  'StandardV2'
  'Premium'
])
param apimSku string = 'BasicV2'

@description('Publisher e-mail shown by API Management (required by the service).')
param apimPublisherEmail string

param apimPublisherName string = 'LoanPlatform'

@description('Comma-separated origins of the web apps, for CORS on the gateway and direct document uploads to Blob Storage.')
param allowedOrigins string

@description('Deploy Azure Front Door Premium with WAF in front of API Management.')
param enableFrontDoor bool = false

@description('Cosmos DB capacity mode.')
@allowed([
  'Serverless'
  'Provisioned'
])
param cosmosCapacityMode string = 'Serverless'

@description('Entra tenant of the staff (officers); default the deployment\'s tenant.')
param staffTenantId string = tenant().tenantId

@description('Application (client) id of the internal API app registration that defines the Service app role, granted to each Function app\'s managed identity for service-to-service calls. The all-zero default accepts no service token.')
param internalApiClientId string = '00000000-0000-0000-0000-000000000000'

@description('Application (client) id of the staff API app registration that defines the LoanOfficer, SeniorLoanOfficer, Auditor and Admin app roles. The all-zero default accepts no staff token.')
param staffApiClientId string = '00000000-0000-0000-0000-000000000000'

@description('Application (client) id of the staff client app, the officer console\'s app registration: it signs officers in and is the client API Management accepts staff tokens from.')
param staffClientAppId string = '00000000-0000-0000-0000-000000000000'

@description('Audience of customer tokens issued by the Auth service.')
param jwtAudience string = 'loanplatform-api'

@description('Web Push: the VAPID public key (base64url P-256 point). Its private half goes into Key Vault as push-vapid-private-key. Empty: push is off and notifications go by email.')
param vapidPublicKey string = ''

@description('FCM HTTP v1 for the native apps: the Firebase project id. Its service account key file goes into Key Vault as push-fcm-service-account. Empty: FCM is off and app-only customers are notified by email.')
param fcmProjectId string = ''

@description('e-KYC: the Verihubs application id (ID Verification against Dukcapil). Its API key goes into Key Vault as kyc-verihubs-api-key. Empty: the Manual provider, people review every customer.')
param kycVerihubsAppId string = ''

@description('Private networking as the Azure-Samples azd templates offer it: each Function app sends through its own VNet integration subnet and admits only API Management and the other apps\' subnets; Storage, Cosmos DB, Service Bus and Key Vault get private endpoints. Without it the apps admit the ApiManagement and AzureCloud service tags.')
param vnetEnabled bool = false

@description('Requests per minute per token subject.')
@minValue(1)
param rateLimitPerMinute int = 120

@description('Requests per minute per client IP on anonymous operations.')
@minValue(1)
param anonymousRateLimitPerMinute int = 60

@description('Login, refresh and registration attempts per 5 minutes per client IP.')
@minValue(1)
param loginRateLimitPer5Minutes int = 20

@description('Days audit records are kept (their time to live) and checkpoints cannot be changed: five years by default.')
@minValue(1)
param auditRetentionDays int = 1826

@description('Login, refresh, unlock and registration attempts per 5 minutes naming one account (the email in the body), from any address.')
@minValue(1)
param loginAccountRateLimitPer5Minutes int = 10

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var origins = filter(map(split(allowedOrigins, ','), origin => trim(origin)), origin => !empty(origin))

var cosmosDatabaseName = 'loanplatform'
var documentsContainerName = 'documents'
var documentUploadsQueueName = 'document-uploads'
var notificationsQueueName = 'notifications'
var integrationTopicName = 'platform-events'
var signingKeyName = 'token-signing'
var auditContainerName = 'audit'
var auditQueueName = 'audit-requests'
var auditCheckpointContainerName = 'audit-checkpoints'
var publicOperations = loadJsonContent('./apim/operations.json')

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// ---------------------------------------------------------------- shared resources

module monitoring './core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module cosmos './core/database/cosmos-account.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
    capacityMode: cosmosCapacityMode
    databaseName: cosmosDatabaseName
    // One container per service; /pk is the aggregate owner's key; defaultTtl -1 lets items set their own ttl.
    // Uniqueness of e-mail, phone and NIK spans partitions, so the Users service enforces it with reservation
    // documents rather than unique keys (which hold only within one logical partition).
    containers: [
      {
        name: 'auth'
        partitionKeyPath: '/pk'
        defaultTtl: -1
        uniqueKeyPaths: []
      }
      {
        name: 'users'
        partitionKeyPath: '/pk'
        defaultTtl: -1
        uniqueKeyPaths: []
      }
      {
        name: 'loans'
        partitionKeyPath: '/pk'
        defaultTtl: -1
        uniqueKeyPaths: []
      }
      {
        // Processed-event records (with ttl) so a redelivered event is handled once.
        name: 'notifications'
        partitionKeyPath: '/pk'
        defaultTtl: -1
        uniqueKeyPaths: []
      }
      {
        // The audit trail, apart from every service's data; appended to (create and read only) by the Loans app (see audit.bicep).
        name: auditContainerName
        partitionKeyPath: '/pk'
        defaultTtl: -1
        uniqueKeyPaths: []
      }
    ]
  }
}

module documentsStorage './core/storage/storage-account.bicep' = {
  name: 'documents-storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}doc${resourceToken}'
    location: location
    tags: tags
    containers: [
      documentsContainerName
    ]
    // Clients PUT the KTP image straight to Blob Storage with a short-lived user-delegation SAS.
    blobCorsRules: [
      {
        allowedOrigins: origins
        allowedMethods: [
          'PUT'
          'GET'
          'HEAD'
        ]
        allowedHeaders: [
          'content-type'
          'content-md5'
          'x-ms-blob-type'
          'x-ms-blob-content-type'
          'x-ms-blob-content-md5'
          'x-ms-version'
          'x-ms-date'
          'x-ms-client-request-id'
        ]
        exposedHeaders: [
          'etag'
          'x-ms-request-id'
        ]
        maxAgeInSeconds: 600
      }
    ]
    deleteRetentionDays: 30
    enableVersioning: true
    lifecycleRules: [
      {
        enabled: true
        name: 'documents-versions'
        type: 'Lifecycle'
        definition: {
          filters: {
            blobTypes: [
              'blockBlob'
            ]
            prefixMatch: [
              '${documentsContainerName}/'
            ]
          }
          actions: {
            baseBlob: {
              tierToCool: {
                daysAfterModificationGreaterThan: 30
              }
            }
            version: {
              delete: {
                daysAfterCreationGreaterThan: 90
              }
            }
          }
        }
      }
      {
        // Uploads count only once sealed (copied to sealed/…, never touched here); what stays under users/ after a
        // day is a stray PUT through a still valid upload URL or an upload never completed, and is read by no one.
        enabled: true
        name: 'documents-uploads'
        type: 'Lifecycle'
        definition: {
          filters: {
            blobTypes: [
              'blockBlob'
            ]
            prefixMatch: [
              '${documentsContainerName}/users/'
            ]
          }
          actions: {
            baseBlob: {
              delete: {
                daysAfterModificationGreaterThan: 1
              }
            }
          }
        }
      }
    ]
  }
}

module serviceBus './core/messaging/service-bus.bicep' = {
  name: 'service-bus'
  scope: rg
  params: {
    name: '${abbrs.serviceBusNamespaces}${resourceToken}'
    location: location
    tags: tags
    topicNames: [
      integrationTopicName
    ]
    sku: vnetEnabled ? 'Premium' : 'Standard'
  }
}

module email './core/communication/email.bicep' = {
  name: 'email'
  scope: rg
  params: {
    communicationServiceName: '${abbrs.communicationServices}${resourceToken}'
    emailServiceName: '${abbrs.communicationEmailServices}${resourceToken}'
    tags: tags
  }
}

module keyVault './core/security/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    signingKeyName: signingKeyName
  }
}

// ---------------------------------------------------------------- services (one Function app each)

// What sets the four services apart. The service and app-settings modules below are deployed once per entry, in this
// order, which is also the order of the apps' integration subnets in the VNet. Names derive from `name`; the runtime
// storage account's from `storageAbbreviation`, since account names allow no hyphen and at most 24 characters.
var services = [
  {
    name: 'auth'
    storageAbbreviation: 'auth'
    queues: []
    needsQueuesAndTables: false
    cosmosContainerName: 'auth'
    taskHubName: 'authhub'
  }
  {
    name: 'users'
    storageAbbreviation: 'usr'
    // Event Grid puts each new upload's BlobCreated event here; the Users app's queue trigger completes the upload.
    queues: [
      documentUploadsQueueName
    ]
    needsQueuesAndTables: false
    cosmosContainerName: 'users'
    taskHubName: 'usershub'
  }
  {
    name: 'loans'
    storageAbbreviation: 'loan'
    // The audit queue API Management hands each request's record to; the Loans app's queue trigger appends them.
    queues: [
      auditQueueName
    ]
    // Durable Functions (Azure Storage provider) keeps the task hub in queues and tables of this account.
    needsQueuesAndTables: true
    cosmosContainerName: 'loans'
    taskHubName: 'loanshub'
  }
  {
    name: 'notifications'
    storageAbbreviation: 'ntf'
    // The notifications queue lives in the Notifications app's own account: its queue trigger uses AzureWebJobsStorage.
    queues: [
      notificationsQueueName
    ]
    needsQueuesAndTables: true
    // Its own container for processed-event records; a data role on it alone.
    cosmosContainerName: 'notifications'
    taskHubName: 'notificationshub'
  }
]

// Each service's position in `services`, and so in the serviceApps and serviceAppSettings module collections.
var serviceIndex = toObject(range(0, length(services)), i => services[i].name)

// ---------------------------------------------------------------- network (vnetEnabled)

module vnet './core/networking/vnet.bicep' = if (vnetEnabled) {
  name: 'vnet'
  scope: rg
  params: {
    name: '${abbrs.networkVirtualNetworks}${resourceToken}'
    location: location
    tags: tags
    services: map(services, service => service.name)
  }
}

var appSubnetIds = vnetEnabled ? vnet!.outputs.appSubnetIds : []

// ---------------------------------------------------------------- the services' Function apps

module serviceApps './app/service.bicep' = [
  for (service, i) in services: {
    name: 'service-${service.name}'
    scope: rg
    params: {
      serviceName: service.name
      location: location
      tags: tags
      identityName: '${abbrs.managedIdentityUserAssignedIdentities}${service.name}-${resourceToken}'
      functionAppName: '${abbrs.webSitesFunctions}${service.name}-${resourceToken}'
      planName: '${abbrs.webServerFarms}${service.name}-${resourceToken}'
      storageAccountName: '${abbrs.storageStorageAccounts}${service.storageAbbreviation}${resourceToken}'
      queues: service.queues
      needsQueuesAndTables: service.needsQueuesAndTables
      applicationInsightsName: monitoring.outputs.applicationInsightsName
      cosmosAccountName: cosmos.outputs.name
      cosmosDatabaseName: cosmosDatabaseName
      cosmosContainerName: service.cosmosContainerName
      virtualNetworkSubnetId: vnetEnabled ? appSubnetIds[i] : ''
      callerSubnetIds: appSubnetIds
    }
  }
]

module documentUploadEvents './app/document-upload-events.bicep' = {
  name: 'document-upload-events'
  scope: rg
  params: {
    location: location
    tags: tags
    documentsStorageAccountName: documentsStorage.outputs.name
    documentsContainerName: documentsContainerName
    usersStorageAccountName: serviceApps[serviceIndex.users].outputs.storageAccountName
    uploadEventsQueueName: documentUploadsQueueName
  }
}

module access './app/access.bicep' = {
  name: 'access'
  scope: rg
  params: {
    principalIds: {
      auth: serviceApps[serviceIndex.auth].outputs.identityPrincipalId
      users: serviceApps[serviceIndex.users].outputs.identityPrincipalId
      loans: serviceApps[serviceIndex.loans].outputs.identityPrincipalId
      notifications: serviceApps[serviceIndex.notifications].outputs.identityPrincipalId
    }
    documentsStorageAccountName: documentsStorage.outputs.name
    documentsContainerName: documentsContainerName
    notificationsStorageAccountName: serviceApps[serviceIndex.notifications].outputs.storageAccountName
    notificationsQueueName: notificationsQueueName
    serviceBusNamespaceName: serviceBus.outputs.name
    topicName: integrationTopicName
    keyVaultName: keyVault.outputs.name
    signingKeyName: keyVault.outputs.signingKeyName
    usersReadsSecrets: !empty(kycVerihubsAppId)
    communicationServiceName: email.outputs.communicationServiceName
    resourceToken: resourceToken
  }
}

// Storage (each app's runtime account and the documents account), Cosmos DB, Service Bus and Key Vault over the VNet.
// The apps' accounts one by one: a variable's for-expression cannot read module outputs.
var storagePrivateEndpoints = flatten(map(
  [
    serviceApps[serviceIndex.auth].outputs.storageAccountName
    serviceApps[serviceIndex.users].outputs.storageAccountName
    serviceApps[serviceIndex.loans].outputs.storageAccountName
    serviceApps[serviceIndex.notifications].outputs.storageAccountName
  ],
  account => map(
    [
      'blob'
      'queue'
      'table'
    ],
    groupId => {
      name: account
      resourceId: resourceId(subscription().subscriptionId, rg.name, 'Microsoft.Storage/storageAccounts', account)
      groupId: groupId
    }
  )
))

module privateEndpoints './core/networking/private-endpoints.bicep' = if (vnetEnabled) {
  name: 'private-endpoints'
  scope: rg
  params: {
    location: location
    tags: tags
    vnetId: vnet!.outputs.id
    subnetId: vnet!.outputs.privateEndpointSubnetId
    targets: concat(storagePrivateEndpoints, [
      {
        name: documentsStorage.outputs.name
        resourceId: documentsStorage.outputs.id
        groupId: 'blob'
      }
      {
        name: cosmos.outputs.name
        resourceId: cosmos.outputs.id
        groupId: 'Sql'
      }
      {
        name: serviceBus.outputs.name
        resourceId: serviceBus.outputs.id
        groupId: 'namespace'
      }
      {
        name: keyVault.outputs.name
        resourceId: keyVault.outputs.id
        groupId: 'vault'
      }
    ])
  }
}

// ---------------------------------------------------------------- gateway

module apim './core/gateway/apim.bicep' = {
  name: 'apim'
  scope: rg
  params: {
    name: '${abbrs.apiManagementService}${resourceToken}'
    location: location
    tags: tags
    sku: apimSku
    publisherEmail: apimPublisherEmail
    publisherName: apimPublisherName
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module frontDoor './core/gateway/front-door.bicep' = if (enableFrontDoor) {
  name: 'front-door'
  scope: rg
  params: {
    profileName: '${abbrs.cdnProfiles}${resourceToken}'
    endpointName: '${abbrs.cdnProfilesEndpoints}${resourceToken}'
    wafPolicyName: '${abbrs.networkFrontDoorWebApplicationFirewallPolicies}${resourceToken}'
    tags: tags
    originHostName: apim.outputs.gatewayHostName
  }
}

// Who may write what of the audit trail: Loans appends (create-only), API Management puts queue messages, Notifications
// writes the immutable checkpoints.
module audit './app/audit.bicep' = {
  name: 'audit'
  scope: rg
  params: {
    location: location
    tags: tags
    principalIds: {
      loans: serviceApps[serviceIndex.loans].outputs.identityPrincipalId
      notifications: serviceApps[serviceIndex.notifications].outputs.identityPrincipalId
      apim: apim.outputs.principalId
    }
    cosmosAccountName: cosmos.outputs.name
    cosmosDatabaseName: cosmosDatabaseName
    auditContainerName: auditContainerName
    loansStorageAccountName: serviceApps[serviceIndex.loans].outputs.storageAccountName
    auditQueueName: auditQueueName
    checkpointStorageAccountName: '${abbrs.storageStorageAccounts}aud${resourceToken}'
    checkpointContainerName: auditCheckpointContainerName
    retentionDays: auditRetentionDays
  }
}

// The public base URL clients use: Front Door when deployed, otherwise the API Management gateway.
var publicBaseUrl = enableFrontDoor ? 'https://${frontDoor!.outputs.endpointHostName}' : apim.outputs.gatewayUrl
var customerIssuer = '${publicBaseUrl}/auth'
// Problem type URIs, from the services and from API Management alike, resolve to pages on the public gateway.
var problemTypeBaseUri = '${publicBaseUrl}/problems/'
// Internal: services and the gateway read the Auth service's metadata and keys from the Function app directly.
var authAuthority = 'https://${serviceApps[serviceIndex.auth].outputs.defaultHostName}/auth'

module gatewayPolicy './core/gateway/apim-gateway-policy.bicep' = {
  name: 'apim-gateway-policy'
  scope: rg
  params: {
    apimName: apim.outputs.name
    allowedOrigins: origins
    customerIssuer: customerIssuer
    customerAudience: jwtAudience
    authOpenIdConfigUrl: '${authAuthority}/.well-known/openid-configuration'
    staffTenantId: staffTenantId
    staffApiAudience: 'api://${staffApiClientId}'
    staffClientAppId: staffClientAppId
    frontDoorId: enableFrontDoor ? frontDoor!.outputs.frontDoorId : ''
    problemTypeBaseUri: problemTypeBaseUri
    // API Management hands each request's record to the Loans app's audit queue with its own managed identity.
    auditQueueUrl: audit.outputs.auditQueueUrl
    // API Management's proof to the apps that a request came through it: its managed identity's token for this audience.
    internalApiAudience: 'api://${internalApiClientId}'
  }
}

var apiBackendHosts = {
  auth: serviceApps[serviceIndex.auth].outputs.defaultHostName
  users: serviceApps[serviceIndex.users].outputs.defaultHostName
  loans: serviceApps[serviceIndex.loans].outputs.defaultHostName
  // The Loans app keeps the audit trail (its own container) and serves /audit.
  audit: serviceApps[serviceIndex.loans].outputs.defaultHostName
  // Problem type URIs (Problems__TypeBaseUri) resolve to pages the Auth app serves.
  problems: serviceApps[serviceIndex.auth].outputs.defaultHostName
}

var apiDisplayNames = {
  auth: 'Auth'
  users: 'Users'
  loans: 'Loans'
  audit: 'Audit'
  problems: 'Problem types'
}

@batchSize(1)
module apimApis './core/gateway/apim-api.bicep' = [
  for api in [
    'auth'
    'users'
    'loans'
    'audit'
    'problems'
  ]: {
    name: 'apim-api-${api}'
    scope: rg
    dependsOn: [
      gatewayPolicy
    ]
    params: {
      apimName: apim.outputs.name
      apiName: api
      displayName: apiDisplayNames[api]
      backendHostName: apiBackendHosts[api]
      operations: publicOperations[api]
      rateLimitCalls: rateLimitPerMinute
      anonymousRateLimitCalls: anonymousRateLimitPerMinute
      loginRateLimitCalls: loginRateLimitPer5Minutes
      loginAccountRateLimitCalls: loginAccountRateLimitPer5Minutes
    }
  }
]

// ---------------------------------------------------------------- app settings (need every endpoint above)

var sharedSettings = {
  applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
  cosmosEndpoint: cosmos.outputs.endpoint
  cosmosDatabaseName: cosmosDatabaseName
  jwtIssuer: customerIssuer
  problemTypeBaseUri: problemTypeBaseUri
  jwtAudience: jwtAudience
  jwtAuthority: authAuthority
  staffTenantId: staffTenantId
  internalApiClientId: internalApiClientId
  authInternalUrl: 'https://${serviceApps[serviceIndex.auth].outputs.defaultHostName}'
  usersInternalUrl: 'https://${serviceApps[serviceIndex.users].outputs.defaultHostName}'
  // Where the services send the changes they commit, to be audited by the one app that may write the trail.
  auditInternalUrl: 'https://${serviceApps[serviceIndex.loans].outputs.defaultHostName}'
  staffApiClientId: staffApiClientId
  keyVaultUri: keyVault.outputs.uri
  notificationsQueueEndpoint: serviceApps[serviceIndex.notifications].outputs.queueEndpoint
  notificationsQueueName: notificationsQueueName
  serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
  serviceBusTopicName: integrationTopicName
  auditQueueName: auditQueueName
  auditCheckpointContainerUri: audit.outputs.checkpointContainerUri
  auditRetentionDays: auditRetentionDays
  staffClientAppId: staffClientAppId
  callerPrincipalIds: {
    gateway: apim.outputs.principalId
    auth: serviceApps[serviceIndex.auth].outputs.identityPrincipalId
    users: serviceApps[serviceIndex.users].outputs.identityPrincipalId
    loans: serviceApps[serviceIndex.loans].outputs.identityPrincipalId
    notifications: serviceApps[serviceIndex.notifications].outputs.identityPrincipalId
  }
}

// Each service's own settings, by service name: the parameters of app-settings.bicep that only some services get; a
// service without one gets the value that means "not this service". They hold module outputs, known only while
// deploying, so they cannot be part of `services`, whose names the module loops need before anything is deployed.
var ownSettings = {
  auth: {
    signingKeyName: keyVault.outputs.signingKeyName
  }
  users: {
    documentsBlobEndpoint: documentsStorage.outputs.blobEndpoint
    documentsContainerName: documentsContainerName
    documentUploadsQueueName: documentUploadsQueueName
    vapidPublicKey: vapidPublicKey
    verihubsAppId: kycVerihubsAppId
  }
  loans: {}
  notifications: {
    emailEndpoint: email.outputs.endpoint
    emailSenderAddress: email.outputs.senderAddress
    // The private key is a secret the operator puts in Key Vault (docs/deployment.md); referenced, never stored here.
    vapidPublicKey: vapidPublicKey
    sendsPush: true
    fcmProjectId: fcmProjectId
    pushContact: 'mailto:${apimPublisherEmail}'
  }
}

module serviceAppSettings './app/app-settings.bicep' = [
  for (service, i) in services: {
    name: 'app-settings-${service.name}'
    scope: rg
    dependsOn: [
      access
    ]
    params: {
      shared: sharedSettings
      functionAppName: serviceApps[i].outputs.functionAppName
      identityClientId: serviceApps[i].outputs.identityClientId
      runtimeBlobEndpoint: serviceApps[i].outputs.blobEndpoint
      runtimeQueueEndpoint: serviceApps[i].outputs.queueEndpoint
      runtimeTableEndpoint: serviceApps[i].outputs.tableEndpoint
      taskHubName: service.taskHubName
      cosmosContainerName: service.cosmosContainerName
      signingKeyName: ownSettings[service.name].?signingKeyName ?? ''
      documentsBlobEndpoint: ownSettings[service.name].?documentsBlobEndpoint ?? ''
      documentsContainerName: ownSettings[service.name].?documentsContainerName ?? documentsContainerName
      documentUploadsQueueName: ownSettings[service.name].?documentUploadsQueueName ?? ''
      emailEndpoint: ownSettings[service.name].?emailEndpoint ?? ''
      emailSenderAddress: ownSettings[service.name].?emailSenderAddress ?? ''
      vapidPublicKey: ownSettings[service.name].?vapidPublicKey ?? ''
      sendsPush: ownSettings[service.name].?sendsPush ?? false
      fcmProjectId: ownSettings[service.name].?fcmProjectId ?? ''
      pushContact: ownSettings[service.name].?pushContact ?? ''
      verihubsAppId: ownSettings[service.name].?verihubsAppId ?? ''
    }
  }
]

// ---------------------------------------------------------------- officer console

module officerConsole './app/console.bicep' = {
  name: 'officer-console'
  scope: rg
  params: {
    location: location
    tags: tags
    identityName: '${abbrs.managedIdentityUserAssignedIdentities}console-${resourceToken}'
    appServiceName: '${abbrs.webSitesAppService}console-${resourceToken}'
    planName: '${abbrs.webServerFarms}console-${resourceToken}'
    apiBaseUrl: publicBaseUrl
    staffTenantId: staffTenantId
    consoleClientId: staffClientAppId
    staffApiClientId: staffApiClientId
  }
}

// ---------------------------------------------------------------- outputs (azd writes them to .azure/<env>/.env)

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output API_BASE_URL string = publicBaseUrl
output APIM_NAME string = apim.outputs.name
output APIM_GATEWAY_URL string = apim.outputs.gatewayUrl
output APIM_PRINCIPAL_ID string = apim.outputs.principalId
output FRONT_DOOR_ENDPOINT string = enableFrontDoor ? 'https://${frontDoor!.outputs.endpointHostName}' : ''
output JWT_ISSUER string = customerIssuer
output JWT_AUDIENCE string = jwtAudience
output JWT_AUTHORITY string = authAuthority
output STAFF_TENANT_ID string = staffTenantId
output STAFF_API_CLIENT_ID string = staffApiClientId
output CONSOLE_URL string = officerConsole.outputs.url
output CONSOLE_IDENTITY_PRINCIPAL_ID string = officerConsole.outputs.identityPrincipalId
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE_NAME string = cosmosDatabaseName
output DOCUMENTS_BLOB_ENDPOINT string = documentsStorage.outputs.blobEndpoint
output DOCUMENTS_CONTAINER_NAME string = documentsContainerName
output NOTIFICATIONS_QUEUE_ENDPOINT string = serviceApps[serviceIndex.notifications].outputs.queueEndpoint
output NOTIFICATIONS_QUEUE_NAME string = notificationsQueueName
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICE_BUS_TOPIC_NAME string = integrationTopicName
output EMAIL_ENDPOINT string = email.outputs.endpoint
output AUDIT_CHECKPOINT_CONTAINER_URI string = audit.outputs.checkpointContainerUri
output EMAIL_SENDER_ADDRESS string = email.outputs.senderAddress
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URI string = keyVault.outputs.uri
output SIGNING_KEY_NAME string = keyVault.outputs.signingKeyName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output AUTH_FUNCTION_APP_NAME string = serviceApps[serviceIndex.auth].outputs.functionAppName
output USERS_FUNCTION_APP_NAME string = serviceApps[serviceIndex.users].outputs.functionAppName
output LOANS_FUNCTION_APP_NAME string = serviceApps[serviceIndex.loans].outputs.functionAppName
output NOTIFICATIONS_FUNCTION_APP_NAME string = serviceApps[serviceIndex.notifications].outputs.functionAppName
output VNET_ENABLED bool = vnetEnabled
