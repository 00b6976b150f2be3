metadata description = 'The virtual network of a vnetEnabled deployment: one integration subnet per Function app (delegated to Microsoft.App/environments, as Flex Consumption requires, with the Microsoft.Web service endpoint so the apps\' inbound rules can name it) and one subnet for private endpoints.'

param name string
param location string = resourceGroup().location
param tags object = {}

@description('The Function apps, one integration subnet each.')
param services string[]

param addressPrefix string = '10.20.0.0/16'

var appSubnets = map(range(0, length(services)), i => {
  name: 'app-${services[i]}'
  properties: {
    addressPrefix: cidrSubnet(addressPrefix, 24, i + 1)
    delegations: [
      {
        name: 'flex-consumption'
        properties: {
          serviceName: 'Microsoft.App/environments'
        }
      }
    ]
    serviceEndpoints: [
      {
        service: 'Microsoft.Web'
      }
    ]
  }
})

var privateEndpointSubnet = {
  name: 'private-endpoints'
  properties: {
    addressPrefix: cidrSubnet(addressPrefix, 24, 100)
    privateEndpointNetworkPolicies: 'Disabled'
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: concat(appSubnets, [privateEndpointSubnet])
  }
}

output id string = vnet.id
output name string = vnet.name

@description('Integration subnet id of each service, in the order of services.')
output appSubnetIds string[] = [for service in services: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'app-${service}')]

output privateEndpointSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'private-endpoints')
