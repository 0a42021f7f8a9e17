#!/usr/bin/env bash
# Builds the npm tarballs into dist/: the launcher package `forge-egress` and
# `@forge-egress/linux-x64` with the portable binary (build-portable/: everything but glibc
# linked statically). Both get the version of CMakeLists.txt's project(). Publishing is a
# manual step (docs/install.md); this script never publishes.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^project(forge_egress VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "package: no version in CMakeLists.txt" >&2; exit 1; }

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f build-portable/build.ninja ]; then
  cmake -S . -B build-portable -G Ninja -DCMAKE_BUILD_TYPE=Release -DFORGE_EGRESS_PORTABLE=ON \
    -DFORGE_EGRESS_TESTS=OFF "${launcher[@]}" >/dev/null
fi
cmake --build build-portable --target forge-egress >/dev/null

binary=build-portable/forge-egress
# Only glibc may remain.
extra=$(ldd "$binary" | grep -v -E 'linux-vdso|libc\.so|libm\.so|ld-linux' || true)
if [ -n "$extra" ]; then echo "package: $binary is not portable:" >&2; echo "$extra" >&2; exit 1; fi
glibc=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -t. -k1,1 -k2,2n -k3,3n -u | tail -1)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r npm/forge-egress npm/linux-x64 "$stage/"
mkdir -p "$stage/linux-x64/bin"
cp "$binary" "$stage/linux-x64/bin/forge-egress"
strip "$stage/linux-x64/bin/forge-egress"
for pkg in forge-egress linux-x64; do
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
for pkg in linux-x64 forge-egress; do
  (cd "$stage/$pkg" && npm pack --silent --pack-destination "$OLDPWD/dist" >/dev/null)
done
# The .deb (CPack), from the same portable build.
rm -f dist/*.deb
(cd build-portable && cpack -G DEB -B "$OLDPWD/dist" >/dev/null && rm -rf "$OLDPWD/dist/_CPack_Packages")
echo "package: forge-egress $version, linux-x64 binary needs $glibc or later" >&2
ls -l dist/*.tgz dist/*.deb >&2
