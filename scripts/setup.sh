#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build forge-egress, then
# configures and builds it into build/. Idempotent: a second run installs
# nothing and only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_TYPE="${BUILD_TYPE:-Release}"
BUILD_DIR="${BUILD_DIR:-build}"

source scripts/common.sh
pkgs=(cmake ninja-build g++ pkg-config libyaml-cpp-dev libfmt-dev nlohmann-json3-dev
      libcli11-dev catch2 libidn2-dev libunistring-dev git python3)
command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)
# The test script's sanitizer and fuzz builds (scripts/test.sh sets this).
# chromium: the HTML report's rendering test (headless, no network).
if [ "${FORGE_EGRESS_DEV_TOOLS:-0}" = 1 ]; then pkgs+=(clang libclang-rt-14-dev ccache chromium); fi
apt_install_missing setup "${pkgs[@]}"
# ccache may have just been installed.
source scripts/common.sh

# The tree-sitter runtime and grammars come from npm, pinned by package-lock.json.
# Scripts never run: CMake compiles their C sources.
if [ ! -f grammars/node_modules/.package-lock.json ] ||
   ! cmp -s grammars/package-lock.json grammars/node_modules/.forge-egress-lock; then
  echo "setup: npm ci in grammars/" >&2
  (cd grammars && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp grammars/package-lock.json grammars/node_modules/.forge-egress-lock
fi

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "${ccache_launcher[@]}" ${CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$(nproc)"
