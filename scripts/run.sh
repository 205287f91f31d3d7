#!/usr/bin/env bash
# The main job on its embedded default: builds and starts the ClaimLens desk with SQLite and media under data/,
# seeds the demo (a merchant, a product with its listing photo, an order and a claim whose photo was forged from
# that listing photo), and prints the address and the demo API keys. Stop with Ctrl+C.
# Set CLAIMLENS_URLS to listen elsewhere (default http://127.0.0.1:5080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build src/ClaimLens.Web -c Release -nologo -v quiet -clp:ErrorsOnly
root=$(pwd)
exec dotnet src/ClaimLens.Web/bin/Release/net10.0/linux-x64/ClaimLens.Web.dll \
  --contentRoot "$root" \
  --urls "${CLAIMLENS_URLS:-http://127.0.0.1:5080}" \
  --ClaimLens:Demo=true "$@"
