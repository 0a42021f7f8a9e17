#!/usr/bin/env bash
# Builds the benchmark corpus (docs/performance.md): the npm packages below with
# all their dependencies, installed without scripts, and every .js .mjs .cjs .ts
# .tsx file under node_modules copied into src/ of an app whose handler calls
# fetch. Also the subsets: half of it (every other package), the other half,
# and axios, lodash and react-dom alone; once a scan of the whole corpus has listed the
# files it analysed, also two halves of equal analysed code (bench/even_split.py).
# Idempotent. Usage: bash bench/corpus.sh [DIR]
set -euo pipefail
WORK="${1:-${BENCH_DIR:-/tmp/forge-egress-bench}}"
PACKAGES=(@forge/api@8.3.0 @forge/bridge@7.2.0 axios@1.13.2 lodash@4.17.21 react-dom@19.2.0
          typescript@5.9.3)
NPM="$WORK/npm"
if [ ! -f "$NPM/.installed" ]; then
  rm -rf "$NPM" && mkdir -p "$NPM"
  (cd "$NPM" && npm init -y >/dev/null &&
   npm install --ignore-scripts --no-audit --no-fund --loglevel=error "${PACKAGES[@]}" >/dev/null)
  touch "$NPM/.installed"
fi

# make_app NAME PACKAGE_DIR...: an app whose src/ holds those packages' sources.
make_app() {
  local name="$1"; shift
  local app="$WORK/apps/$name"
  [ -f "$app/manifest.yml" ] && return 0
  rm -rf "$app" && mkdir -p "$app/src"
  (cd "$NPM/node_modules" && find "$@" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' \
      -o -name '*.ts' -o -name '*.tsx' \) -print0 | xargs -0 -r cp --parents -t "$app/src")
  cat > "$app/manifest.yml" <<'YAML'
modules:
  function:
    - key: main
      handler: index.handler
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-00000000bench
  runtime:
    name: nodejs22.x
YAML
  echo "export const handler = async () => fetch('https://api.example.com/x');" > "$app/src/index.js"
}

# Every package directory (scoped ones count one each), sorted.
mapfile -t ALL < <(cd "$NPM/node_modules" && for d in *; do
  case "$d" in .bin|.package-lock.json) ;; @*) for s in "$d"/*; do echo "$s"; done ;; *) echo "$d" ;; esac
done | LC_ALL=C sort)
HALF=() OTHER=()
for i in "${!ALL[@]}"; do
  if (( i % 2 == 0 )); then HALF+=("${ALL[$i]}"); else OTHER+=("${ALL[$i]}"); fi
done
make_app corpus "${ALL[@]}"
make_app corpus-half "${HALF[@]}"
make_app corpus-other "${OTHER[@]}"  # the packages corpus-half leaves out
make_app axios axios
make_app lodash lodash
make_app react-dom react-dom

# corpus-even-a and corpus-even-b: the packages split so that each half holds half of the
# code the last scan of the whole corpus analysed (bench/run.sh writes that list). Made
# again when the split changes, since it follows what the scan reads.
if [ -s "$WORK/analysed-corpus.txt" ]; then
  printf '%s\n' "${ALL[@]}" >"$WORK/packages.txt"
  python3 "$(dirname "$0")/even_split.py" "$WORK/packages.txt" "$WORK/analysed-corpus.txt" \
    "$WORK/apps/corpus/src" "$WORK/even-a.new" "$WORK/even-b.new" >"$WORK/even-split.txt"
  for side in a b; do
    if ! cmp -s "$WORK/even-$side.new" "$WORK/even-$side.txt"; then
      rm -rf "$WORK/apps/corpus-even-$side"
      mv "$WORK/even-$side.new" "$WORK/even-$side.txt"
    fi
    rm -f "$WORK/even-$side.new"
    mapfile -t SIDE <"$WORK/even-$side.txt"
    make_app "corpus-even-$side" "${SIDE[@]}"
  done
fi
echo "$WORK/apps"
