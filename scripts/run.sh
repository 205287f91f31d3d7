#!/usr/bin/env bash
# The main job on its embedded default: builds the claimlens command, makes a demo forged pair
# (a product photo and a "damage" photo painted onto it, then resized and re-compressed as a phone does)
# and prints the evidence report. Outputs land in out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build src/ClaimLens.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet src/ClaimLens.Cli/bin/Release/net10.0/linux-x64/claimlens.dll demo --out out/demo "$@"
