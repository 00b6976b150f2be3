metadata description = 'Key Vault with Azure RBAC (no access policies), purge protection, and the EC P-256 key the Auth service signs ES256 tokens with (the private key never leaves the vault).'

param name string
param location string = resourceGroup().location
param tags object = {}

@description('Name of the token-signing key.')
param signingKeyName string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource signingKey 'keys' = {
    name: signingKeyName
    properties: {
      kty: 'EC'
      curveName: 'P-256'
      keyOps: [
        'sign'
        'verify'
      ]
      attributes: {
        enabled: true
      }
      rotationPolicy: {
        attributes: {
          expiryTime: 'P1Y'
        }
        lifetimeActions: [
          {
            trigger: {
              timeBeforeExpiry: 'P30D'
            }
            action: {
              type: 'rotate'
            }
          }
        ]
      }
    }
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
output signingKeyName string = vault::signingKey.name
