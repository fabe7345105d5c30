#!/usr/bin/env bash
# Installs the Debian bookworm packages wsharness needs, and only those that
# are missing: `dpkg -s` first, so a machine that has them all pays nothing,
# and `apt-get update` only when something must be installed.
set -euo pipefail

packages=(
  cmake make ninja-build g++ clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost1.81-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libssl-dev openssl
  chromium
  valgrind
)

missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "wsharness: installing missing packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
