metadata description = 'Azure Communication Services with an Email Communication Service and an Azure-managed sender domain; local (access key) auth disabled, so senders authenticate with Entra ID.'

param communicationServiceName string
param emailServiceName string
param tags object = {}

@description('Data location of the Communication Services resources (a geography, not a region).')
param dataLocation string = 'Asia Pacific'

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }

  resource managedDomain 'domains' = {
    name: 'AzureManagedDomain'
    location: 'global'
    tags: tags
    properties: {
      domainManagement: 'AzureManaged'
      userEngagementTracking: 'Disabled'
    }
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    disableLocalAuth: true
    linkedDomains: [
      emailService::managedDomain.id
    ]
  }
}

output communicationServiceName string = communicationService.name
output communicationServiceId string = communicationService.id
output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = 'DoNotReply@${emailService::managedDomain.properties.mailFromSenderDomain}'
