metadata description = 'Private endpoints (vnetEnabled) for the data services the apps use: Storage (blob, queue, table), Cosmos DB, Service Bus and Key Vault, each with its private DNS zone linked to the virtual network, so the apps reach them over the VNet.'

param location string = resourceGroup().location
param tags object = {}

param vnetId string
param subnetId string

@description('Targets: { name, resourceId, groupId } where groupId is blob, queue, table, Sql, namespace or vault.')
param targets array

var zoneOf = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  queue: 'privatelink.queue.${environment().suffixes.storage}'
  table: 'privatelink.table.${environment().suffixes.storage}'
  Sql: 'privatelink.documents.azure.com'
  namespace: 'privatelink.servicebus.windows.net'
  vault: 'privatelink.vaultcore.azure.net'
}

var zones = union(map(targets, target => zoneOf[target.groupId]), [])

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in zones: {
    name: zone
    location: 'global'
    tags: tags
  }
]

resource dnsLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in zones: {
    parent: dnsZones[i]
    name: 'vnet'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnetId
      }
    }
  }
]

resource endpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for target in targets: {
    name: 'pe-${target.name}-${target.groupId}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: subnetId
      }
      privateLinkServiceConnections: [
        {
          name: '${target.name}-${target.groupId}'
          properties: {
            privateLinkServiceId: target.resourceId
            groupIds: [
              target.groupId
            ]
          }
        }
      ]
    }
  }
]

resource dnsGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (target, i) in targets: {
    parent: endpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(zoneOf[target.groupId], '.', '-')
          properties: {
            privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', zoneOf[target.groupId])
          }
        }
      ]
    }
    dependsOn: [
      dnsZones
    ]
  }
]

output endpointNames string[] = [for (target, i) in targets: endpoints[i].name]
