#!/usr/bin/env bash
# Speed benchmark (product.md §9): forge-egress end to end against
# tree-sitter's parse-only speed and against ast-grep running one rule, over
# the same real JS/TS files from npm packages. Prints times and ratios; it
# asserts nothing (tests never time things). Usage: bash bench/run.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build}"
WORK="${BENCH_DIR:-/tmp/forge-egress-bench}"
mkdir -p "$WORK"
cmake --build "$BUILD" --target forge-egress parse_only >/dev/null

# ---- corpus: the packages toolchain.md measured, installed without scripts
if [ ! -d "$WORK/npm/node_modules/typescript" ]; then
  mkdir -p "$WORK/npm"
  (cd "$WORK/npm" && npm init -y >/dev/null &&
   npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
     typescript@5 lodash axios @forge/api @forge/bridge react-dom @ast-grep/cli >/dev/null)
fi
APP="$WORK/app"
if [ ! -f "$APP/manifest.yml" ]; then
  mkdir -p "$APP/src"
  # node_modules is never scanned, so the corpus is copied into an app's src/.
  (cd "$WORK/npm/node_modules" && find typescript lodash axios @forge react-dom \
      \( -name '*.js' -o -name '*.ts' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.tsx' \) \
      ! -name '*.d.ts' -print0 | xargs -0 cp --parents -t "$APP/src")
  cat > "$APP/manifest.yml" <<'YAML'
modules:
  function:
    - key: main
      handler: index.handler
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-00000000bench
  runtime:
    name: nodejs22.x
YAML
  echo "export const handler = () => fetch('https://bench.example.com/');" > "$APP/src/index.js"
fi

read -r files bytes parse_s < <("$BUILD/bench/parse_only" "$APP/src")
mb=$(python3 -c "print(round($bytes/1e6,1))")
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print(round($e-$s,3))"; }
fe1=$(t "$BUILD/forge-egress" scan "$APP" --format json --jobs 1)
fe2=$(t "$BUILD/forge-egress" scan "$APP" --format json --jobs 2)
sg=""
if [ -x "$WORK/npm/node_modules/.bin/ast-grep" ]; then
  sg1=$(t "$WORK/npm/node_modules/.bin/ast-grep" run -p 'fetch($$$)' -l ts "$APP/src" -j 1)
  sg2=$(t "$WORK/npm/node_modules/.bin/ast-grep" run -p 'fetch($$$)' -l ts "$APP/src" -j 2)
  sg="yes"
fi
echo "corpus: $files files, $mb MB"
echo "tree-sitter parse only (1 thread, in memory): ${parse_s}s  $(python3 -c "print(round($bytes/1e6/$parse_s,1))") MB/s"
echo "forge-egress scan, 1 thread:                  ${fe1}s  ratio to parse-only: $(python3 -c "print(round($fe1/$parse_s,2))")x"
echo "forge-egress scan, 2 threads:                 ${fe2}s  ratio to parse-only: $(python3 -c "print(round($fe2/$parse_s,2))")x"
if [ -n "$sg" ]; then
  echo "ast-grep one rule (ts only), 1 thread:        ${sg1}s  forge-egress/ast-grep: $(python3 -c "print(round($fe1/$sg1,2))")x"
  echo "ast-grep one rule (ts only), 2 threads:       ${sg2}s  forge-egress/ast-grep: $(python3 -c "print(round($fe2/$sg2,2))")x"
fi
