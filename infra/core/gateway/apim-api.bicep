metadata description = 'One API in API Management: its backends (the Function app at the API path, and at the root for health), its operations from infra/apim/operations.json, and its policies from infra/apim/policies/.'

param apimName string

@description('API name and path (auth, users, loans, audit).')
param apiName string
param displayName string

@description('Host name of the Function app that serves this API.')
param backendHostName string

@description('Operations: [{ operationId, method, urlTemplate, policy? }] (infra/apim/operations.json).')
param operations array

@description('Calls per minute per token subject.')
param rateLimitCalls int

@description('Calls per minute per client IP for anonymous operations.')
param anonymousRateLimitCalls int

@description('Calls per 5 minutes per client IP for login, refresh and register.')
param loginRateLimitCalls int

@description('Calls per 5 minutes per account (the email in the body) for the same operations.')
param loginAccountRateLimitCalls int

var backendId = '${apiName}-app'
var rootBackendId = '${apiName}-app-root'

var apiPolicy = replace(
  replace(
    replace(loadTextContent('../../apim/policies/api.xml'), '__BACKEND_ID__', backendId),
    '__RATE_LIMIT_CALLS__',
    string(rateLimitCalls)
  ),
  '__ANONYMOUS_RATE_LIMIT_CALLS__',
  string(anonymousRateLimitCalls)
)

var operationPolicies = {
  anonymous: loadTextContent('../../apim/policies/operation-anonymous.xml')
  login: replace(
    replace(loadTextContent('../../apim/policies/operation-login.xml'), '__LOGIN_RATE_LIMIT_CALLS__', string(loginRateLimitCalls)),
    '__LOGIN_ACCOUNT_RATE_LIMIT_CALLS__',
    string(loginAccountRateLimitCalls)
  )
  health: replace(loadTextContent('../../apim/policies/operation-health.xml'), '__ROOT_BACKEND_ID__', rootBackendId)
}

var policyOperations = filter(operations, op => contains(op, 'policy'))

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: apimName
}

resource backend 'Microsoft.ApiManagement/service/backends@2024-05-01' = {
  parent: apim
  name: backendId
  properties: {
    title: '${displayName} (Function app)'
    protocol: 'http'
    url: 'https://${backendHostName}/${apiName}'
    tls: {
      validateCertificateChain: true
      validateCertificateName: true
    }
  }
}

resource rootBackend 'Microsoft.ApiManagement/service/backends@2024-05-01' = {
  parent: apim
  name: rootBackendId
  properties: {
    title: '${displayName} (Function app root, health)'
    protocol: 'http'
    url: 'https://${backendHostName}'
    tls: {
      validateCertificateChain: true
      validateCertificateName: true
    }
  }
}

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: apim
  name: apiName
  properties: {
    displayName: displayName
    path: apiName
    protocols: [
      'https'
    ]
    serviceUrl: 'https://${backendHostName}/${apiName}'
    subscriptionRequired: false
    apiType: 'http'
  }
}

resource apiOperations 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = [
  for op in operations: {
    parent: api
    name: op.operationId
    properties: {
      displayName: op.operationId
      method: op.method
      urlTemplate: op.urlTemplate
      templateParameters: map(
        filter(split(op.urlTemplate, '/'), segment => startsWith(segment, '{')),
        segment => {
          name: replace(replace(segment, '{', ''), '}', '')
          type: 'string'
          required: true
        }
      )
    }
  }
]

resource apiPolicyResource 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
  parent: api
  name: 'policy'
  dependsOn: [
    backend
  ]
  properties: {
    format: 'rawxml'
    value: apiPolicy
  }
}

resource operationPolicyResources 'Microsoft.ApiManagement/service/apis/operations/policies@2024-05-01' = [
  for op in policyOperations: {
    name: '${apimName}/${apiName}/${op.operationId}/policy'
    dependsOn: [
      apiOperations
      rootBackend
      apiPolicyResource
    ]
    properties: {
      format: 'rawxml'
      value: operationPolicies[op.policy]
    }
  }
]

output apiName string = api.name
output path string = api.properties.path
