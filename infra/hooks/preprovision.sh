#!/bin/sh
# azd preprovision hook: fail early, with a hint, when a required environment value is missing.
set -eu

missing=0
require() {
  name="$1"; hint="$2"
  value="$(azd env get-value "$name" 2>/dev/null || true)"
  if [ -z "$value" ]; then
    echo "Missing azd environment value $name. $hint" >&2
    echo "  azd env set $name <value>" >&2
    missing=1
  fi
}

require APIM_PUBLISHER_EMAIL "API Management needs a publisher e-mail (for example the platform team's mailbox)."
require ALLOWED_ORIGINS "Comma-separated origins of the web apps, for example https://app.example.co.id,https://officer.example.co.id."

staff="$(azd env get-value STAFF_API_CLIENT_ID 2>/dev/null || true)"
if [ -z "$staff" ] || [ "$staff" = "00000000-0000-0000-0000-000000000000" ]; then
  echo "Note: STAFF_API_CLIENT_ID is not set; the gateway will accept no staff (officer) token until it is. See docs/deployment.md." >&2
fi

exit "$missing"
