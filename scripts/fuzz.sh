#!/usr/bin/env bash
# Builds the libFuzzer targets into build-fuzz/ (clang, FORGE_EGRESS_FUZZ=ON), seeds their corpora
# from fixtures/, replays fixtures/crashes/, then runs each target for SECONDS (default 20).
# Usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: fuzz_manifest fuzz_source fuzz_app)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

SECONDS_EACH="${1:-20}"
shift || true
TARGETS=("$@")
((${#TARGETS[@]})) || TARGETS=(fuzz_manifest fuzz_source fuzz_app)
BUILD_DIR="${FUZZ_BUILD_DIR:-build-fuzz}"

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFORGE_EGRESS_FUZZ=ON -DFORGE_EGRESS_TESTS=OFF "${ccache_launcher[@]}" >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$(nproc)" --target "${TARGETS[@]}"

# ---- seed corpora (rebuilt every run; small, never committed)
corpus="$BUILD_DIR/corpus"
mkdir -p "$corpus"/{manifest,source,app}
while IFS= read -r -d '' m; do
  cp "$m" "$corpus/manifest/seed-$(echo "$m" | tr '/' '_')"
done < <(find fixtures -name manifest.yml -not -path 'fixtures/crashes/*' -print0)
while IFS= read -r -d '' f; do
  case "$f" in *.tsx) b='\002' ;; *.ts) b='\001' ;; *) b='\000' ;; esac
  { printf "$b"; cat "$f"; } > "$corpus/source/seed-$(echo "$f" | tr '/' '_')"
done < <(find fixtures \( -name '*.js' -o -name '*.jsx' -o -name '*.ts' -o -name '*.tsx' -o -name '*.mjs' -o -name '*.cjs' \) \
           -not -path '*/node_modules/*' -not -path 'fixtures/crashes/*' -print0)
for app in fixtures/*/; do
  [ -f "$app/manifest.yml" ] || continue
  out="$corpus/app/seed-$(basename "$app")"
  cat "$app/manifest.yml" > "$out"
  while IFS= read -r -d '' f; do
    printf '\n==> %s\n' "${f#"$app"}" >> "$out"
    cat "$f" >> "$out"
  done < <(find "$app" \( -name '*.js' -o -name '*.jsx' -o -name '*.ts' -o -name '*.tsx' -o -name package.json \) \
             -not -path '*/node_modules/*' -print0 | sort -z | head -z -n 11)
done

# ---- replay every crash found so far, then fuzz
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for t in "${TARGETS[@]}"; do
  kind="${t#fuzz_}"
  bin="$BUILD_DIR/tests/fuzz/$t"
  mkdir -p "$BUILD_DIR/crashes/$kind"
  if compgen -G "fixtures/crashes/$kind/*" >/dev/null; then
    "$bin" -runs=1 fixtures/crashes/"$kind"/* > "$BUILD_DIR/$t.replay.log" 2>&1 ||
      { tail -n 60 "$BUILD_DIR/$t.replay.log" >&2; echo "fuzz: $t crashes on fixtures/crashes/$kind" >&2; exit 1; }
  fi
  if [ "$SECONDS_EACH" -gt 0 ]; then
    echo "fuzz: $t for ${SECONDS_EACH}s" >&2
    rc=0
    "$bin" -max_total_time="$SECONDS_EACH" -entropic=0 -timeout=25 -rss_limit_mb=4096 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$BUILD_DIR/crashes/$kind/" "$corpus/$kind" \
      > "$BUILD_DIR/$t.log" 2>&1 || rc=$?
    grep -E '^stat::number_of_executed_units|^Done|ERROR|SUMMARY|^artifact_prefix|Test unit written' "$BUILD_DIR/$t.log" || true
    if [ "$rc" -ne 0 ]; then
      tail -n 60 "$BUILD_DIR/$t.log" >&2
      echo "fuzz: $t found a problem (see $BUILD_DIR/crashes/$kind)" >&2
      exit 1
    fi
  fi
done
