metadata description = 'Cross-resource data-plane grants (the audit trail\'s are in audit.bicep), each scoped to the narrowest resource that works: the documents container, the notifications queue, the integration-events topic, the signing key, the Communication Services resource.'

@description('Principal ids of the service identities: { auth, users, loans, notifications }.')
param principalIds object

param documentsStorageAccountName string
param documentsContainerName string

param notificationsStorageAccountName string
param notificationsQueueName string

param serviceBusNamespaceName string
param topicName string

param keyVaultName string
param signingKeyName string

@description('Whether the Users app reads a secret (the e-KYC provider\'s API key) as a Key Vault reference.')
param usersReadsSecrets bool = false

param communicationServiceName string

@description('Unique suffix for the custom role name (role names are unique per tenant).')
param resourceToken string

var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  keyVaultCryptoUser: '12338af0-0e69-4776-bea7-57ae8d297424'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

// Services that publish events from their outbox (notifications queue, integration topic).
var publishers = [
  'auth'
  'users'
  'loans'
]

// --- Documents (Users service only): read/write/delete in the documents container (the checks, the server-side copy that seals a
// checked document under sealed/, erasure), and user-delegation keys for the upload, read and copy-source SAS.
resource documentsAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: documentsStorageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource documentsContainer 'containers' existing = {
      name: documentsContainerName
    }
  }
}

resource usersDocumentsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(documentsAccount::blobService::documentsContainer.id, principalIds.users, roles.storageBlobDataContributor)
  scope: documentsAccount::blobService::documentsContainer
  properties: {
    principalId: principalIds.users
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

// Blob Delegator only allows requesting a user-delegation key; the SAS it signs can grant no more than the container role above.
resource usersBlobDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(documentsAccount.id, principalIds.users, roles.storageBlobDelegator)
  scope: documentsAccount
  properties: {
    principalId: principalIds.users
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDelegator)
  }
}

// --- Notifications queue: the publishers may only add messages to this one queue.
resource notificationsAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: notificationsStorageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource notificationsQueue 'queues' existing = {
      name: notificationsQueueName
    }
  }
}

resource queueSenders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for service in publishers: {
    name: guid(notificationsAccount::queueService::notificationsQueue.id, principalIds[service], roles.storageQueueDataMessageSender)
    scope: notificationsAccount::queueService::notificationsQueue
    properties: {
      principalId: principalIds[service]
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
    }
  }
]

// --- Integration events: send-only on the one topic.
resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName

  resource topic 'topics' existing = {
    name: topicName
  }
}

resource topicSenders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for service in publishers: {
    name: guid(serviceBus::topic.id, principalIds[service], roles.serviceBusDataSender)
    scope: serviceBus::topic
    properties: {
      principalId: principalIds[service]
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    }
  }
]

// --- Token signing (Auth service only): sign and read the public part of the one key.
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName

  resource signingKey 'keys' existing = {
    name: signingKeyName
  }
}

resource authSigningKeyUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault::signingKey.id, principalIds.auth, roles.keyVaultCryptoUser)
  scope: keyVault::signingKey
  properties: {
    principalId: principalIds.auth
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoUser)
  }
}

// Notifications reads its push credentials (VAPID / FCM) as Key Vault references.
resource notificationsSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, principalIds.notifications, roles.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    principalId: principalIds.notifications
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// Users reads the e-KYC provider's API key as a Key Vault reference, only when a provider is configured.
resource usersSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (usersReadsSecrets) {
  name: guid(keyVault.id, principalIds.users, roles.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    principalId: principalIds.users
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// --- Email (Notifications service only). No built-in role is this narrow, so a custom one: send mail through this resource, nothing else.
resource emailSenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'loanplatform-acs-email-sender')
  properties: {
    roleName: 'LoanPlatform ACS Email Sender (${resourceToken})'
    description: 'Send email through Azure Communication Services with Entra ID authentication.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read'
          'Microsoft.Communication/CommunicationServices/Write'
          'Microsoft.Communication/EmailServices/write'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

resource notificationsEmailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, principalIds.notifications, emailSenderRole.id)
  scope: communicationService
  properties: {
    principalId: principalIds.notifications
    principalType: 'ServicePrincipal'
    roleDefinitionId: emailSenderRole.id
  }
}
