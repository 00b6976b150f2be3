metadata description = 'Named values used by the policy files, the audit-request policy fragment, and the service-level (global) policy from infra/apim/policies/global.xml.'

param apimName string

@description('Origins allowed by CORS (the web and mobile-web apps).')
param allowedOrigins string[]

@description('Issuer of customer tokens (the Auth service), also used to choose customer vs staff validation.')
param customerIssuer string
param customerAudience string

@description('The Auth service\'s OpenID configuration URL, read by validate-jwt for its signing keys.')
param authOpenIdConfigUrl string

param staffTenantId string
param staffApiAudience string
param staffClientAppId string

@description('Front Door profile id (X-Azure-FDID) to accept traffic from; empty when Front Door is not deployed.')
param frontDoorId string = ''

@description('The audit queue (https://{account}.queue.core.windows.net/{queue}): API Management puts every request\'s record there with its managed identity before answering.')
param auditQueueUrl string

@description('Base of problem type URIs (the public gateway\'s /problems/, served by the Auth app), for the problems the gateway answers itself.')
param problemTypeBaseUri string

@description('Audience (App ID URI) of the internal API: API Management\'s managed identity asks for a token to it, sent to the apps as proof that a request came through API Management.')
param internalApiAudience string

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

// Named values referenced as {{name}} in the policy files. None is a secret.
var namedValues = {
  'customer-issuer': customerIssuer
  'customer-audience': customerAudience
  'auth-openid-config-url': authOpenIdConfigUrl
  'staff-tenant-id': staffTenantId
  'staff-api-audience': staffApiAudience
  'staff-client-app-id': staffClientAppId
  'front-door-id': empty(frontDoorId) ? 'none' : frontDoorId
  'audit-queue-url': auditQueueUrl
  'internal-api-audience': internalApiAudience
  'problem-type-base-uri': problemTypeBaseUri
}

resource apimNamedValues 'Microsoft.ApiManagement/service/namedValues@2024-05-01' = [
  for item in items(namedValues): {
    parent: apim
    name: item.key
    properties: {
      displayName: item.key
      value: item.value
      secret: false
    }
  }
]

var allowedOriginsXml = join(map(allowedOrigins, origin => '<origin>${origin}</origin>'), '')

// Included by the global policy in outbound and on-error, so the report is written once.
resource auditRequestFragment 'Microsoft.ApiManagement/service/policyFragments@2024-05-01' = {
  parent: apim
  name: 'audit-request'
  dependsOn: [
    apimNamedValues
  ]
  properties: {
    description: 'Hands a request\'s record to the audit queue before the answer leaves (managed identity, retried; 503 if it cannot).'
    format: 'rawxml'
    value: loadTextContent('../../apim/policies/fragment-audit-request.xml')
  }
}

resource globalPolicy 'Microsoft.ApiManagement/service/policies@2024-05-01' = {
  parent: apim
  name: 'policy'
  dependsOn: [
    apimNamedValues
    auditRequestFragment
  ]
  properties: {
    format: 'rawxml'
    value: replace(loadTextContent('../../apim/policies/global.xml'), '__ALLOWED_ORIGINS__', allowedOriginsXml)
  }
}

output name string = apim.name
