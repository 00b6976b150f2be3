#!/bin/sh
# azd postprovision hook: writes src/LoanPlatform.<Service>.Functions/local.settings.json from the provisioning
# outputs, so `func start` (or the IDE) runs a Function app against the provisioned Azure resources.
# No secret is written: every service is reached with Entra ID (DefaultAzureCredential uses your az/azd login).
# The files are git-ignored. Existing files are kept as local.settings.json.bak.
set -eu

root="$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)"
env_file="$(mktemp)"
trap 'rm -f "$env_file"' EXIT
azd env get-values > "$env_file"

value() {
  # azd prints KEY="value" lines.
  sed -n "s/^$1=\"\\(.*\\)\"\$/\\1/p" "$env_file" | head -n 1
}

json_escape() {
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}

write_settings() {
  service="$1"; project="$2"; shift 2
  dir="$root/src/$project"
  if [ ! -d "$dir" ]; then
    echo "postprovision: $dir not found, skipped"
    return
  fi
  file="$dir/local.settings.json"
  [ -f "$file" ] && cp "$file" "$file.bak"
  {
    printf '{\n  "IsEncrypted": false,\n  "Values": {\n'
    printf '    "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",\n'
    printf '    "AzureWebJobsStorage": "UseDevelopmentStorage=true",\n'
    printf '    "TASKHUB_NAME": "%slocal"' "$service"
    while [ "$#" -gt 1 ]; do
      printf ',\n    "%s": "%s"' "$1" "$(json_escape "$2")"
      shift 2
    done
    printf '\n  }\n}\n'
  } > "$file"
  echo "postprovision: wrote $file"
}

common() {
  set -- \
    "APPLICATIONINSIGHTS_CONNECTION_STRING" "$(value APPLICATIONINSIGHTS_CONNECTION_STRING)" \
    "Jwt__Issuer" "$(value JWT_ISSUER)" \
    "Jwt__Audience" "$(value JWT_AUDIENCE)" \
    "Jwt__MetadataAddress" "$(value JWT_AUTHORITY)/.well-known/openid-configuration" \
    "EntraStaff__TenantId" "$(value STAFF_TENANT_ID)" \
    "EntraStaff__ClientId" "$(value STAFF_API_CLIENT_ID)" \
    "EntraStaff__Instance" "https://login.microsoftonline.com/" \
    "EntraStaff__Audience" "api://$(value STAFF_API_CLIENT_ID)" \
    "Notifications__Queue__ServiceUri" "$(value NOTIFICATIONS_QUEUE_ENDPOINT)" \
    "Notifications__Queue__Name" "$(value NOTIFICATIONS_QUEUE_NAME)" \
    "ServiceBus__FullyQualifiedNamespace" "$(value SERVICE_BUS_NAMESPACE)" \
    "ServiceBus__TopicName" "$(value SERVICE_BUS_TOPIC_NAME)" \
    "Audit__Queue__Name" "audit-requests" \
    "Audit__Checkpoints__ContainerUri" "$(value AUDIT_CHECKPOINT_CONTAINER_URI)"
  printf '%s\n' "$@"
}

cosmos() {
  printf '%s\n' \
    "DocumentStore__Provider" "Cosmos" \
    "DocumentStore__Cosmos__AccountEndpoint" "$(value COSMOS_ENDPOINT)" \
    "DocumentStore__Cosmos__DatabaseName" "$(value COSMOS_DATABASE_NAME)" \
    "DocumentStore__Cosmos__ContainerName" "$1"
}

# Build argument lists line by line (values contain no newlines).
run() {
  service="$1"; project="$2"; shift 2
  list="$(mktemp)"
  { common; "$@"; } > "$list"
  set --
  while IFS= read -r key && IFS= read -r val; do
    set -- "$@" "$key" "$val"
  done < "$list"
  rm -f "$list"
  write_settings "$service" "$project" "$@"
}

auth_extra() {
  cosmos auth
  printf '%s\n' "Auth__SigningKey__KeyVaultUri" "$(value KEY_VAULT_URI)" "Auth__SigningKey__KeyName" "$(value SIGNING_KEY_NAME)"
}
users_extra() {
  cosmos users
  printf '%s\n' "Documents__Provider" "AzureBlob" "Documents__AzureBlob__ServiceUri" "$(value DOCUMENTS_BLOB_ENDPOINT)" "Documents__AzureBlob__Container" "$(value DOCUMENTS_CONTAINER_NAME)" "Documents__UploadEvents__Queue" "document-uploads"
}
loans_extra() {
  cosmos loans
}
notifications_extra() {
  printf '%s\n' "Email__Provider" "Acs" "Email__Acs__Endpoint" "$(value EMAIL_ENDPOINT)" "Email__Acs__Sender" "$(value EMAIL_SENDER_ADDRESS)"
}

run auth LoanPlatform.Auth.Functions auth_extra
run users LoanPlatform.Users.Functions users_extra
run loans LoanPlatform.Loans.Functions loans_extra
run notifications LoanPlatform.Notifications.Functions notifications_extra

echo
echo "API base URL: $(value API_BASE_URL)"
echo "Running locally against these resources needs data-plane roles for your own account; see docs/deployment.md (Local settings)."
