#!/usr/bin/env bash
# Installs every build, run and test dependency of the project from Debian 12's
# packages. Idempotent: when everything is present it only checks and exits.
# Usage: deploy/install-deps.sh   (as root, or with sudo available)
set -euo pipefail

# One table: the Debian package names, grouped by why we need them.
BUILD_PKGS=(cmake ninja-build g++ clang libclang-rt-14-dev pkg-config git)
LIB_PKGS=(libutf8proc-dev libsqlite3-dev sqlite3 nlohmann-json3-dev libsodium-dev
          libtomlplusplus-dev libcli11-dev libimgui-dev libsdl2-dev libfreetype-dev
          libstb-dev libcurl4-openssl-dev libqrencode-dev libcpp-httplib-dev libssl-dev
          zlib1g-dev libbrotli-dev libzbar-dev)
TEST_PKGS=(libgtest-dev libgmock-dev libbenchmark-dev xvfb xauth python3 python3-ephem
           curl openssl)  # curl: /healthz polls (demo, tests); openssl: test TLS certificates
FONT_PKGS=(fonts-noto-core fonts-dejavu-core)

wanted=("${BUILD_PKGS[@]}" "${LIB_PKGS[@]}" "${TEST_PKGS[@]}" "${FONT_PKGS[@]}")
# Node.js and npm (for the SMSC simulator test peer). The build machines carry
# a NodeSource build whose npm conflicts with Debian's: only install Debian's
# where no `node` exists at all.
if ! command -v node >/dev/null 2>&1; then
  wanted+=(nodejs npm)
fi

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#wanted[@]} packages present"
else
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  echo "install-deps: done"
fi

# The SMSC simulator's npm package (smpp, pinned by tests/smsc/package-lock.json).
smsc_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/smsc"
[[ -d "$smsc_dir/node_modules/smpp" ]] || npm ci --prefix "$smsc_dir" --no-audit --no-fund --loglevel=error
