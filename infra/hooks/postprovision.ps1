# azd postprovision hook: writes src/LoanPlatform.<Service>.Functions/local.settings.json from the provisioning
# outputs (see postprovision.sh). No secret is written: every service is reached with Entra ID.
$ErrorActionPreference = 'Stop'

$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$values = @{}
foreach ($line in (azd env get-values)) {
    if ($line -match '^([^=]+)="(.*)"$') { $values[$Matches[1]] = $Matches[2] }
}
function V([string] $Name) { if ($values.ContainsKey($Name)) { $values[$Name] } else { '' } }

$common = [ordered]@{
    'APPLICATIONINSIGHTS_CONNECTION_STRING' = V 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    'Jwt__Issuer' = V 'JWT_ISSUER'
    'Jwt__Audience' = V 'JWT_AUDIENCE'
    'Jwt__MetadataAddress' = "$(V 'JWT_AUTHORITY')/.well-known/openid-configuration"
    'EntraStaff__TenantId' = V 'STAFF_TENANT_ID'
    'EntraStaff__ClientId' = V 'STAFF_API_CLIENT_ID'
    'EntraStaff__Instance' = 'https://login.microsoftonline.com/'
    'EntraStaff__Audience' = "api://$(V 'STAFF_API_CLIENT_ID')"
    'Notifications__Queue__ServiceUri' = V 'NOTIFICATIONS_QUEUE_ENDPOINT'
    'Notifications__Queue__Name' = V 'NOTIFICATIONS_QUEUE_NAME'
    'ServiceBus__FullyQualifiedNamespace' = V 'SERVICE_BUS_NAMESPACE'
    'ServiceBus__TopicName' = V 'SERVICE_BUS_TOPIC_NAME'
    'Audit__Queue__Name' = 'audit-requests'
    'Audit__Checkpoints__ContainerUri' = V 'AUDIT_CHECKPOINT_CONTAINER_URI'
}
function Cosmos([string] $Container) {
    [ordered]@{
        'DocumentStore__Provider' = 'Cosmos'
        'DocumentStore__Cosmos__AccountEndpoint' = V 'COSMOS_ENDPOINT'
        'DocumentStore__Cosmos__DatabaseName' = V 'COSMOS_DATABASE_NAME'
        'DocumentStore__Cosmos__ContainerName' = $Container
    }
}

$services = [ordered]@{
    'auth' = @{ Project = 'LoanPlatform.Auth.Functions'; Extra = (Cosmos 'auth') + [ordered]@{ 'Auth__SigningKey__KeyVaultUri' = V 'KEY_VAULT_URI'; 'Auth__SigningKey__KeyName' = V 'SIGNING_KEY_NAME' } }
    'users' = @{ Project = 'LoanPlatform.Users.Functions'; Extra = (Cosmos 'users') + [ordered]@{ 'Documents__Provider' = 'AzureBlob'; 'Documents__AzureBlob__ServiceUri' = V 'DOCUMENTS_BLOB_ENDPOINT'; 'Documents__AzureBlob__Container' = V 'DOCUMENTS_CONTAINER_NAME'; 'Documents__UploadEvents__Queue' = 'document-uploads' } }
    'loans' = @{ Project = 'LoanPlatform.Loans.Functions'; Extra = (Cosmos 'loans') }
    'notifications' = @{ Project = 'LoanPlatform.Notifications.Functions'; Extra = [ordered]@{ 'Email__Provider' = 'Acs'; 'Email__Acs__Endpoint' = V 'EMAIL_ENDPOINT'; 'Email__Acs__Sender' = V 'EMAIL_SENDER_ADDRESS' } }
}

foreach ($service in $services.Keys) {
    $dir = Join-Path $root "src/$($services[$service].Project)"
    if (-not (Test-Path $dir)) { Write-Host "postprovision: $dir not found, skipped"; continue }
    $file = Join-Path $dir 'local.settings.json'
    if (Test-Path $file) { Copy-Item $file "$file.bak" -Force }
    $settings = [ordered]@{
        'FUNCTIONS_WORKER_RUNTIME' = 'dotnet-isolated'
        'AzureWebJobsStorage' = 'UseDevelopmentStorage=true'
        'TASKHUB_NAME' = "$($service)local"
    }
    foreach ($pair in $common.GetEnumerator()) { $settings[$pair.Key] = $pair.Value }
    foreach ($pair in $services[$service].Extra.GetEnumerator()) { $settings[$pair.Key] = $pair.Value }
    [ordered]@{ IsEncrypted = $false; Values = $settings } | ConvertTo-Json -Depth 5 | Set-Content -Path $file -Encoding utf8
    Write-Host "postprovision: wrote $file"
}

Write-Host ''
Write-Host "API base URL: $(V 'API_BASE_URL')"
Write-Host 'Running locally against these resources needs data-plane roles for your own account; see docs/deployment.md (Local settings).'
