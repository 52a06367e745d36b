#!/usr/bin/env bash
# Installs the Debian 12 packages the build and the tests need, only those missing.
# As root it runs apt-get; otherwise it prints the command to run and fails.
set -euo pipefail
packages=(cmake ninja-build g++ clang libclang-rt-14-dev python3 pkg-config meson doctest-dev openssl
          libcurl4-openssl-dev libssl-dev libboost-json1.81-dev libboost-url1.81-dev doxygen
          libbenchmark-dev nlohmann-json3-dev libsimdjson-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "missing packages; run as root:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
