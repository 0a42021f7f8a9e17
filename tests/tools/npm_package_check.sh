#!/usr/bin/env bash
# CTest (label "package"): packs the npm tarballs, installs them offline into an empty folder
# and checks that `npx forge-egress scan` gives the native build's JSON byte for byte, with
# the same exit code. Args: source dir, native binary.
set -euo pipefail
src=$1
native=$2
bash "$src/scripts/package.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
echo '{"name":"consumer","version":"1.0.0","private":true}' > package.json
npm install --offline --no-audit --no-fund --loglevel=error \
  "$src"/dist/forge-egress-linux-x64-*.tgz "$src"/dist/forge-egress-[0-9]*.tgz
rc_npm=0; npx --no-install forge-egress scan "$src/fixtures/example-app" --format json > npm.json || rc_npm=$?
rc_native=0; "$native" scan "$src/fixtures/example-app" --format json > native.json || rc_native=$?
[ "$rc_npm" = "$rc_native" ] || { echo "exit codes differ: npm $rc_npm, native $rc_native" >&2; exit 1; }
cmp npm.json native.json
test -s npm.json
version=$(npx --no-install forge-egress --version)
expected="forge-egress $(sed -n 's/^project(forge_egress VERSION \([0-9][0-9.]*\).*/\1/p' "$src/CMakeLists.txt")"
[ "$version" = "$expected" ] || { echo "version: $version, expected $expected" >&2; exit 1; }
deb=$(ls "$src"/dist/forge-egress_*.deb)
dpkg-deb -c "$deb" | grep -q '\./usr/bin/forge-egress$' || { echo "$deb lacks usr/bin/forge-egress" >&2; exit 1; }
echo "npm package: same JSON and exit code ($rc_npm) as the native build; $version"
