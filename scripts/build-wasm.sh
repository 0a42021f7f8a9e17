#!/usr/bin/env bash
# Builds the WebAssembly forge-egress (build-wasm/forge-egress.js + .wasm) with Debian's
# emscripten: the same CLI, run by Node, reading the real file system (NODERAWFS). yaml-cpp
# is compiled for wasm from Debian's source package (downloaded, checksum-checked, Debian's
# patches applied; nothing of it is committed); fmt, nlohmann-json and CLI11 are header-only
# and staged from Debian's -dev packages. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
apt_install_missing build-wasm emscripten curl ca-certificates xz-utils patch

# Debian's emscripten runs its JavaScript tools with Debian's node-acorn, which a Node
# from elsewhere (nodesource) does not look for.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

deps=build-wasm-deps
mkdir -p "$deps"
# yaml-cpp 0.7.0, the version Debian 12 ships (the native builds use it too).
pool=http://deb.debian.org/debian/pool/main/y/yaml-cpp
orig=yaml-cpp_0.7.0+dfsg.orig.tar.xz
orig_sha=dc63708605404e0b963e0ca3a9619d1c8270eda2839603e6fa0384e5e51e5312
debian=yaml-cpp_0.7.0+dfsg-8.debian.tar.xz
debian_sha=d2d09d2e54215b5865d5dfd4a92ec887c261f9c19c0b2521303647505127163e
if [ ! -f "$deps/yaml-cpp/lib/libyaml-cpp.a" ]; then
  for f in "$orig:$orig_sha" "$debian:$debian_sha"; do
    name=${f%%:*} sum=${f##*:}
    [ -f "$deps/$name" ] || curl -fsSL -o "$deps/$name" "$pool/$name"
    echo "$sum  $deps/$name" | sha256sum -c --quiet - ||
      { echo "build-wasm: $name does not match its checksum" >&2; rm -f "$deps/$name"; exit 1; }
  done
  src="$deps/yaml-cpp-src"
  rm -rf "$src" && mkdir -p "$src"
  tar -xJf "$deps/$orig" -C "$src" --strip-components=1
  tar -xJf "$deps/$debian" -C "$src"
  while read -r p; do
    [ -n "$p" ] && patch -d "$src" -p1 -s < "$src/debian/patches/$p"
  done < "$src/debian/patches/series"
  emcmake cmake -S "$src" -B "$deps/yaml-cpp-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_CPP_BUILD_CONTRIB=OFF \
    -DCMAKE_CXX_FLAGS=-fexceptions -DCMAKE_INSTALL_PREFIX="$PWD/$deps/yaml-cpp" \
    -DLIB_INSTALL_DIR="$PWD/$deps/yaml-cpp/lib" >/dev/null
  cmake --build "$deps/yaml-cpp-build" --target install >/dev/null
fi
# The header-only libraries, without the rest of the host's /usr/include.
headers="$deps/headers"
if [ ! -d "$headers/CLI" ]; then
  mkdir -p "$headers"
  cp -r /usr/include/fmt /usr/include/nlohmann /usr/include/CLI "$headers/"
fi

if [ ! -f build-wasm/build.ninja ]; then
  emcmake cmake -S . -B build-wasm -G Ninja -DCMAKE_BUILD_TYPE=Release -DFORGE_EGRESS_TESTS=OFF \
    "${ccache_launcher[@]}" \
    -DYAML_CPP_STATIC="$PWD/$deps/yaml-cpp/lib/libyaml-cpp.a" \
    -DYAML_CPP_INCLUDE="$PWD/$deps/yaml-cpp/include" \
    -DFORGE_EGRESS_WASM_HEADERS="$PWD/$headers" >/dev/null
fi
cmake --build build-wasm --target forge-egress >/dev/null
test -f build-wasm/forge-egress.wasm
