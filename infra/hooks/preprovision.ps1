# azd preprovision hook: fail early, with a hint, when a required environment value is missing.
$ErrorActionPreference = 'Stop'
$missing = $false

function Get-AzdValue([string] $Name) {
    $value = azd env get-value $Name 2>$null
    if ($LASTEXITCODE -ne 0) { return '' }
    return $value
}

foreach ($required in @(
        @{ Name = 'APIM_PUBLISHER_EMAIL'; Hint = "API Management needs a publisher e-mail (for example the platform team's mailbox)." },
        @{ Name = 'ALLOWED_ORIGINS'; Hint = 'Comma-separated origins of the web apps, for example https://app.example.co.id,https://officer.example.co.id.' })) {
    if (-not (Get-AzdValue $required.Name)) {
        Write-Error -ErrorAction Continue "Missing azd environment value $($required.Name). $($required.Hint)`n  azd env set $($required.Name) <value>"
        $missing = $true
    }
}

$staff = Get-AzdValue 'STAFF_API_CLIENT_ID'
if (-not $staff -or $staff -eq '00000000-0000-0000-0000-000000000000') {
    Write-Warning 'STAFF_API_CLIENT_ID is not set; the gateway will accept no staff (officer) token until it is. See docs/deployment.md.'
}

if ($missing) { exit 1 }
