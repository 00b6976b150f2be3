metadata description = 'App settings of one LoanPlatform Function app. Every value is an endpoint, a name or a Key Vault reference: storage, Cosmos DB, Service Bus, Communication Services and App Insights are reached with the app\'s user-assigned identity, so no key or connection secret exists to store.'

param functionAppName string

@description('Client id of the app\'s user-assigned identity (AZURE_CLIENT_ID for DefaultAzureCredential / ManagedIdentityCredential).')
param identityClientId string

param runtimeBlobEndpoint string
param runtimeQueueEndpoint string
param runtimeTableEndpoint string
param taskHubName string

@description('Settings common to every service.')
param shared SharedSettings

@description('The service\'s own Cosmos DB container; empty for a service without data.')
param cosmosContainerName string = ''

@description('Blob endpoint of the documents account; empty for services that do not handle documents.')
param documentsBlobEndpoint string = ''
param documentsContainerName string = 'documents'
@description('The queue in the app\'s own storage account where Event Grid puts each new upload\'s BlobCreated event.')
param documentUploadsQueueName string = ''

@description('Name of the token-signing key; only the Auth service gets it.')
param signingKeyName string = ''

@description('Communication Services endpoint and sender; only the Notifications service gets them.')
param emailEndpoint string = ''
param emailSenderAddress string = ''

@description('The VAPID public key (base64url) browsers subscribe with: Users hands it out, Notifications signs with its private half. Empty: push is off.')
param vapidPublicKey string = ''

@description('Whether this app sends push (the Notifications service): it then reads the VAPID private key and the FCM service account key from Key Vault.')
param sendsPush bool = false

@description('The Firebase project native apps registered their FCM tokens with; Notifications sends through FCM HTTP v1 for it. Empty: FCM is off.')
param fcmProjectId string = ''

@description('The contact push services see in the VAPID token (mailto: or https:).')
param pushContact string = ''

@description('e-KYC (the Users service): the Verihubs application id. Its API key is the Key Vault secret kyc-verihubs-api-key. Empty: the Manual provider, people review every customer.')
param verihubsAppId string = ''

@description('e-KYC: the Verihubs Face Compare similarity (0-100) from which the selfie matches the KTP photo; 82 is Verihubs\' documented default.')
param kycFaceMatchThreshold string = '82'

@description('e-KYC: the Verihubs Face Compare similarity below which the selfie conclusively does not match the KTP photo; in between, people review.')
param kycFaceMismatchBelow string = '50'

type SharedSettings = {
  applicationInsightsConnectionString: string
  cosmosEndpoint: string
  cosmosDatabaseName: string
  jwtIssuer: string
  problemTypeBaseUri: string
  jwtAudience: string
  jwtAuthority: string
  staffTenantId: string
  internalApiClientId: string
  authInternalUrl: string
  usersInternalUrl: string
  auditInternalUrl: string
  staffApiClientId: string
  keyVaultUri: string
  notificationsQueueEndpoint: string
  notificationsQueueName: string
  serviceBusFullyQualifiedNamespace: string
  serviceBusTopicName: string
  auditQueueName: string
  auditCheckpointContainerUri: string
  auditRetentionDays: int
  @description('The officer console\'s app registration: the one client application whose staff tokens are accepted.')
  staffClientAppId: string
  @description('Principal (object) ids of the identities that call internal endpoints, by caller name; each endpoint names the callers it accepts.')
  callerPrincipalIds: {
    gateway: string
    auth: string
    users: string
    loans: string
    notifications: string
  }
}

var common = {
  AZURE_CLIENT_ID: identityClientId
  // Host storage by identity: no AzureWebJobsStorage connection string exists.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: runtimeBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: runtimeQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: runtimeTableEndpoint
  TASKHUB_NAME: taskHubName
  // App Insights with local auth off: the connection string only locates the resource; ingestion is authorized by Entra ID.
  APPLICATIONINSIGHTS_CONNECTION_STRING: shared.applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
  Jwt__Issuer: shared.jwtIssuer
  // Problem type URIs point at the public gateway's /problems/ pages (APIM routes them to the Auth app).
  Problems__TypeBaseUri: shared.problemTypeBaseUri
  Jwt__Audience: shared.jwtAudience
  // Where services fetch the Auth service's OpenID configuration (and so its JWKS): the Auth app itself.
  Jwt__MetadataAddress: '${shared.jwtAuthority}/.well-known/openid-configuration'
  // Service-to-service calls: this app's managed identity asks Entra for the internal API's token (app role Service).
  ServiceIdentity__Mode: 'ManagedIdentity'
  ServiceIdentity__ClientId: identityClientId
  ServiceIdentity__TenantId: shared.staffTenantId
  ServiceIdentity__Audience: 'api://${shared.internalApiClientId}'
  // Who is who among the callers of internal endpoints: a token's oid must be one of the callers an endpoint names.
  ServiceIdentity__Callers__gateway: shared.callerPrincipalIds.gateway
  ServiceIdentity__Callers__auth: shared.callerPrincipalIds.auth
  ServiceIdentity__Callers__users: shared.callerPrincipalIds.users
  ServiceIdentity__Callers__loans: shared.callerPrincipalIds.loans
  ServiceIdentity__Callers__notifications: shared.callerPrincipalIds.notifications
  // Public requests only with API Management's own token in X-Gateway-Authorization (the apps' default too).
  GatewayProof__Required: 'true'
  Services__Auth__InternalUrl: shared.authInternalUrl
  Services__Users__InternalUrl: shared.usersInternalUrl
  Services__Audit__InternalUrl: shared.auditInternalUrl
  EntraStaff__Instance: environment().authentication.loginEndpoint
  EntraStaff__TenantId: shared.staffTenantId
  EntraStaff__ClientId: shared.staffApiClientId
  EntraStaff__Audience: 'api://${shared.staffApiClientId}'
  EntraStaff__ClientApplicationIds__0: shared.staffClientAppId
  Notifications__Queue__ServiceUri: shared.notificationsQueueEndpoint
  Notifications__Queue__Name: shared.notificationsQueueName
  ServiceBus__FullyQualifiedNamespace: shared.serviceBusFullyQualifiedNamespace
  ServiceBus__TopicName: shared.serviceBusTopicName
  // The audit trail: the queue the Loans app's trigger reads, the immutable checkpoint container, the retention.
  Audit__Queue__Name: shared.auditQueueName
  Audit__Checkpoints__ContainerUri: shared.auditCheckpointContainerUri
  Audit__RetentionDays: string(shared.auditRetentionDays)
}

var documentStore = {
  DocumentStore__Provider: 'Cosmos'
  DocumentStore__Cosmos__AccountEndpoint: shared.cosmosEndpoint
  DocumentStore__Cosmos__DatabaseName: shared.cosmosDatabaseName
  DocumentStore__Cosmos__ContainerName: cosmosContainerName
}

var documents = {
  Documents__Provider: 'AzureBlob'
  Documents__AzureBlob__ServiceUri: documentsBlobEndpoint
  Documents__AzureBlob__Container: documentsContainerName
  Documents__UploadEvents__Queue: documentUploadsQueueName
}

// The signing key stays in Key Vault: the app gets its location and signs through the Key Vault API.
var signing = {
  Auth__SigningKey__KeyVaultUri: shared.keyVaultUri
  Auth__SigningKey__KeyName: signingKeyName
}

var email = {
  Email__Provider: 'Acs'
  Email__Acs__Endpoint: emailEndpoint
  Email__Acs__Sender: emailSenderAddress
}

// The public key is no secret; the private key is a Key Vault reference, resolved by the platform with the app's identity.
var pushKey = {
  Push__Vapid__PublicKey: vapidPublicKey
}

// Remote: each channel configured below is used; devices of a channel that is not get email instead.
var push = {
  Push__Provider: 'Remote'
}

var webPush = {
  Push__Vapid__PublicKey: vapidPublicKey
  Push__Vapid__PrivateKey: '@Microsoft.KeyVault(SecretUri=${shared.keyVaultUri}secrets/push-vapid-private-key/)'
  Push__Vapid__Subject: pushContact
}

// The service account key file (JSON with its RSA private key) is a secret the operator puts in Key Vault.
var fcm = {
  Push__Fcm__ProjectId: fcmProjectId
  Push__Fcm__ServiceAccountJson: '@Microsoft.KeyVault(SecretUri=${shared.keyVaultUri}secrets/push-fcm-service-account/)'
}

// Verihubs ID Verification checks customers against Dukcapil and Face Compare matches the selfie to the KTP photo;
// the API key is a Key Vault reference.
var kycVerihubs = {
  Kyc__Provider: 'Verihubs'
  Kyc__Verihubs__AppId: verihubsAppId
  Kyc__Verihubs__ApiKey: '@Microsoft.KeyVault(SecretUri=${shared.keyVaultUri}secrets/kyc-verihubs-api-key/)'
  Kyc__Verihubs__FaceMatchThreshold: kycFaceMatchThreshold
  Kyc__Verihubs__FaceMismatchBelow: kycFaceMismatchBelow
}

// Without a VAPID key pair and an FCM project push is off, and notifications go by email.
var pushOff = {
  Push__Provider: 'Disabled'
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  // Each group is a literal object so that the infrastructure tests can read every setting; the conditions pick the groups.
  properties: union(
    common,
    empty(cosmosContainerName) ? {} : documentStore,
    empty(documentsBlobEndpoint) ? {} : documents,
    empty(signingKeyName) ? {} : signing,
    empty(emailEndpoint) ? {} : email,
    sendsPush ? (empty(vapidPublicKey) && empty(fcmProjectId) ? pushOff : push) : (empty(vapidPublicKey) ? {} : pushKey),
    sendsPush && !empty(vapidPublicKey) ? webPush : {},
    sendsPush && !empty(fcmProjectId) ? fcm : {},
    empty(verihubsAppId) ? {} : kycVerihubs
  )
}
