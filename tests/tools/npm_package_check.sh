#!/usr/bin/env bash
# CTest (label "package"): packs the npm tarballs, installs them offline into an empty folder
# and checks that `npx forge-egress scan` gives the native build's JSON byte for byte, with
# the same exit code, natively and forced onto the wasm package (FORGE_EGRESS_WASM=1); so
# does the linux-arm64 binary under qemu-user. Args: source dir, native binary.
set -euo pipefail
src=$1
native=$2
bash "$src/scripts/package.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
echo '{"name":"consumer","version":"1.0.0","private":true}' > package.json
npm install --offline --no-audit --no-fund --loglevel=error \
  "$src"/dist/forge-egress-linux-x64-*.tgz "$src"/dist/forge-egress-wasm-*.tgz \
  "$src"/dist/forge-egress-[0-9]*.tgz
rc_npm=0; npx --no-install forge-egress scan "$src/fixtures/example-app" --format json > npm.json || rc_npm=$?
rc_native=0; "$native" scan "$src/fixtures/example-app" --format json > native.json || rc_native=$?
[ "$rc_npm" = "$rc_native" ] || { echo "exit codes differ: npm $rc_npm, native $rc_native" >&2; exit 1; }
cmp npm.json native.json
test -s npm.json
# The launcher forced onto the WebAssembly package: the same JSON and exit code.
rc_wasm=0; FORGE_EGRESS_WASM=1 npx --no-install forge-egress scan "$src/fixtures/example-app" \
  --format json > wasm.json || rc_wasm=$?
[ "$rc_wasm" = "$rc_native" ] || { echo "exit codes differ: wasm $rc_wasm, native $rc_native" >&2; exit 1; }
cmp wasm.json native.json
# Deeply nested code: WebAssembly frames need the worker's large stack to reach the same
# nesting limit as the native build.
mkdir -p deep/src && cp "$src/fixtures/example-app/manifest.yml" deep/
python3 -c "n = 20000; print('const x = ' + '[' * n + ']' * n + ';\nconst y = ' + '(' * n + '1' + ')' * n + ';')" \
  > deep/src/index.js
rc_dn=0; "$native" scan deep --format json > deep-native.json || rc_dn=$?
rc_dw=0; FORGE_EGRESS_WASM=1 npx --no-install forge-egress scan deep --format json > deep-wasm.json || rc_dw=$?
[ "$rc_dn" = "$rc_dw" ] || { echo "deep nesting: exit codes differ: wasm $rc_dw, native $rc_dn" >&2; exit 1; }
cmp deep-wasm.json deep-native.json
version=$(npx --no-install forge-egress --version)
expected="forge-egress $(sed -n 's/^project(forge_egress VERSION \([0-9][0-9.]*\).*/\1/p' "$src/CMakeLists.txt")"
[ "$version" = "$expected" ] || { echo "version: $version, expected $expected" >&2; exit 1; }
# The arm64 package's binary, run under qemu-user, gives the same JSON and exit code.
mkdir arm64 && tar -xzf "$src"/dist/forge-egress-linux-arm64-*.tgz -C arm64
rc_arm=0; qemu-aarch64 -L /usr/aarch64-linux-gnu arm64/package/bin/forge-egress \
  scan "$src/fixtures/example-app" --format json > arm64.json || rc_arm=$?
[ "$rc_arm" = "$rc_native" ] || { echo "exit codes differ: arm64 $rc_arm, native $rc_native" >&2; exit 1; }
cmp arm64.json native.json
deb=$(ls "$src"/dist/forge-egress_*.deb)
dpkg-deb -c "$deb" | grep -q '\./usr/bin/forge-egress$' || { echo "$deb lacks usr/bin/forge-egress" >&2; exit 1; }
echo "npm package (native and wasm) and linux-arm64 under qemu: same JSON and exit code ($rc_npm) as the native build; $version"
