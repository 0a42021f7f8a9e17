#!/usr/bin/env bash
# Builds the npm tarballs into dist/: the launcher package `forge-egress`,
# `@forge-egress/linux-x64` with the portable binary (build-portable/: everything but glibc
# linked statically), `@forge-egress/linux-arm64`, cross-compiled (build-arm64/), and
# `@forge-egress/wasm`, the WebAssembly build (build-wasm/). All get
# the version of CMakeLists.txt's project(). Publishing is a manual step (docs/install.md);
# this script never publishes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

version=$(sed -n 's/^project(forge_egress VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "package: no version in CMakeLists.txt" >&2; exit 1; }

if [ ! -f build-portable/build.ninja ]; then
  cmake -S . -B build-portable -G Ninja -DCMAKE_BUILD_TYPE=Release -DFORGE_EGRESS_PORTABLE=ON \
    -DFORGE_EGRESS_TESTS=OFF "${ccache_launcher[@]}" >/dev/null
fi
cmake --build build-portable --target forge-egress >/dev/null

# check_portable BINARY OBJDUMP: only glibc may remain; prints the newest glibc symbol version.
check_portable() {
  local extra
  extra=$("$2" -p "$1" | awk '/NEEDED/ {print $2}' |
          grep -v -E '^(libc\.so\.6|libm\.so\.6|ld-linux-(x86-64|aarch64)\.so\.[12])$' || true)
  if [ -n "$extra" ]; then echo "package: $1 is not portable: $extra" >&2; exit 1; fi
  "$2" -T "$1" | grep -o 'GLIBC_[0-9.]*' | sort -t. -k1,1 -k2,2n -k3,3n -u | tail -1
}
glibc=$(check_portable build-portable/forge-egress objdump)
# linux-arm64: cross-compiled with Debian's g++-aarch64-linux-gnu (scripts/build-arm64.sh).
bash scripts/build-arm64.sh
glibc_arm64=$(check_portable build-arm64/forge-egress aarch64-linux-gnu-objdump)
# wasm: Emscripten (scripts/build-wasm.sh), the launcher's fallback everywhere else.
bash scripts/build-wasm.sh

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r npm/forge-egress npm/linux-x64 npm/linux-arm64 npm/wasm "$stage/"
cp build-wasm/forge-egress.js build-wasm/forge-egress.wasm "$stage/wasm/"
mkdir -p "$stage/linux-x64/bin" "$stage/linux-arm64/bin"
cp build-portable/forge-egress "$stage/linux-x64/bin/forge-egress"
strip "$stage/linux-x64/bin/forge-egress"
cp build-arm64/forge-egress "$stage/linux-arm64/bin/forge-egress"
aarch64-linux-gnu-strip "$stage/linux-arm64/bin/forge-egress"
for pkg in forge-egress linux-x64 linux-arm64 wasm; do
  node -e '
    const fs = require("fs"), file = process.argv[1], version = process.argv[2];
    const p = JSON.parse(fs.readFileSync(file, "utf8"));
    p.version = version;
    for (const dep of Object.keys(p.optionalDependencies || {})) p.optionalDependencies[dep] = version;
    fs.writeFileSync(file, JSON.stringify(p, null, 2) + "\n");
  ' "$stage/$pkg/package.json" "$version"
done
mkdir -p dist
rm -f dist/*.tgz
for pkg in linux-x64 linux-arm64 wasm forge-egress; do
  (cd "$stage/$pkg" && npm pack --silent --pack-destination "$OLDPWD/dist" >/dev/null)
done
# The .deb (CPack), from the same portable build.
rm -f dist/*.deb
(cd build-portable && cpack -G DEB -B "$OLDPWD/dist" >/dev/null && rm -rf "$OLDPWD/dist/_CPack_Packages")
echo "package: forge-egress $version; linux-x64 needs $glibc or later, linux-arm64 $glibc_arm64" >&2
ls -l dist/*.tgz dist/*.deb >&2
