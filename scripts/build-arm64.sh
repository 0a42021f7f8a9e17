#!/usr/bin/env bash
# Cross-compiles the portable forge-egress for Linux arm64 into build-arm64/forge-egress
# (Debian's g++-aarch64-linux-gnu; grammars and runtime too). Its libraries come from
# Debian's arm64 packages, downloaded and unpacked into build-arm64-sysroot/ (never
# installed: libyaml-cpp-dev cannot be installed for two architectures at once).
# qemu-user runs the result (scripts/package.sh checks it). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "build-arm64: adding the arm64 architecture to apt (package lists only)" >&2
  $SUDO dpkg --add-architecture arm64
  $SUDO apt-get update -qq
fi
apt_install_missing build-arm64 g++-aarch64-linux-gnu qemu-user

sysroot=build-arm64-sysroot
debs=(libyaml-cpp-dev:arm64 libidn2-dev:arm64 libunistring-dev:arm64 libfmt-dev:arm64 libfmt9:arm64
      nlohmann-json3-dev libcli11-dev)  # libfmt9: fmt's CMake package checks its .so exists
stamp="$sysroot/.debs"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "${debs[*]}" ]; then
  rm -rf "$sysroot" && mkdir -p "$sysroot/debs"
  if ! (cd "$sysroot/debs" && apt-get download -q "${debs[@]}" >/dev/null 2>&1); then
    $SUDO apt-get update -qq
    (cd "$sysroot/debs" && apt-get download -q "${debs[@]}" >/dev/null)
  fi
  for d in "$sysroot"/debs/*.deb; do dpkg-deb -x "$d" "$sysroot"; done
  echo "${debs[*]}" > "$stamp"
fi

if [ ! -f build-arm64/build.ninja ]; then
  FORGE_EGRESS_ARM64_SYSROOT="$PWD/$sysroot" cmake -S . -B build-arm64 -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake -DCMAKE_BUILD_TYPE=Release \
    -DFORGE_EGRESS_PORTABLE=ON -DFORGE_EGRESS_TESTS=OFF "${ccache_launcher[@]}" >/dev/null
fi
cmake --build build-arm64 --target forge-egress >/dev/null
aarch64-linux-gnu-readelf -h build-arm64/forge-egress | grep -q 'AArch64' ||
  { echo "build-arm64: build-arm64/forge-egress is not an arm64 binary" >&2; exit 1; }
