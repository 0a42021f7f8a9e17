#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build forge-egress, then
# configures and builds it into build/. Idempotent: a second run installs
# nothing and only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_TYPE="${BUILD_TYPE:-Release}"
BUILD_DIR="${BUILD_DIR:-build}"

need_pkgs=()
check() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || need_pkgs+=("$1"); }
for p in cmake ninja-build g++ pkg-config libyaml-cpp-dev libfmt-dev nlohmann-json3-dev \
         libcli11-dev catch2 libidn2-dev libunistring-dev git python3; do check "$p"; done
command -v npm >/dev/null 2>&1 || { check nodejs; check npm; }
# The test script's sanitizer and fuzz builds (scripts/test.sh sets this).
if [ "${FORGE_EGRESS_DEV_TOOLS:-0}" = 1 ]; then
  # chromium: the HTML report's rendering test (headless, no network).
  for p in clang libclang-rt-14-dev ccache chromium; do check "$p"; done
fi
if ((${#need_pkgs[@]})); then
  echo "setup: installing ${need_pkgs[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# The tree-sitter runtime and grammars come from npm, pinned by package-lock.json.
# Scripts never run: CMake compiles their C sources.
if [ ! -f grammars/node_modules/.package-lock.json ] ||
   ! cmp -s grammars/package-lock.json grammars/node_modules/.forge-egress-lock; then
  echo "setup: npm ci in grammars/" >&2
  (cd grammars && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp grammars/package-lock.json grammars/node_modules/.forge-egress-lock
fi

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "${launcher[@]}" ${CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$(nproc)"
