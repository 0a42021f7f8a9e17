#!/usr/bin/env bash
# Scale on code the engine was never tuned on: popular npm packages outside the benchmark
# corpus (a 78 MB editor, a 37 MB machine-learning runtime, Firebase and the AWS SDK), each
# wrapped as an app as bench/corpus.sh wraps axios (every .js .mjs .cjs .ts .tsx file of the
# package and its dependencies under src/, a handler that calls fetch). One row per
# package: the files and bytes the scan analysed, tree-sitter's parse-only time of those
# files (1 thread), the scan's time at --jobs 2 and its ratio to that, peak RSS, solver
# steps, and whether any budget was hit. Prints, asserts nothing (tests never time things).
# Usage: bash bench/packages.sh [BUILD_DIR]   (needs the npm registry the first time)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build}"
WORK="${BENCH_DIR:-/tmp/forge-egress-bench}/packages"
LIMIT="${BENCH_TIMEOUT:-600}"
# package@version, then the node_modules folders its app holds (its own and its deps').
ROWS=(
  "rxjs@7.8.2 rxjs"
  "moment@2.31.0 moment"
  "jquery@4.1.0 jquery"
  "chart.js@4.6.2 chart.js"
  "three@0.187.0 three"
  "pdfjs-dist@5.6.205 pdfjs-dist"
  "onnxruntime-web@1.31.1 onnxruntime-web onnxruntime-common"
  "@aws-sdk/client-s3@3.1178.0 @aws-sdk @smithy"
  "firebase@13.2.0 firebase @firebase"
  "monaco-editor@0.58.0 monaco-editor"
)
cmake --build "$BUILD" --target forge-egress parse_only >/dev/null
if [ ! -f "$WORK/npm/.installed" ]; then
  rm -rf "$WORK/npm" && mkdir -p "$WORK/npm"
  specs=()
  for row in "${ROWS[@]}"; do specs+=("${row%% *}"); done
  (cd "$WORK/npm" && npm init -y >/dev/null &&
   npm install --ignore-scripts --no-audit --no-fund --loglevel=error "${specs[@]}" >/dev/null)
  touch "$WORK/npm/.installed"
fi
printf '%-18s %6s %7s %8s %8s %7s %8s %9s %s\n' package files MB parse_s fe_j2_s ratio peak_MB \
  steps status
for row in "${ROWS[@]}"; do
  read -r spec dirs <<<"$row"
  name=$(basename "${spec%@*}")
  app="$WORK/apps/$name"
  if [ ! -f "$app/manifest.yml" ]; then
    rm -rf "$app" && mkdir -p "$app/src"
    # shellcheck disable=SC2086  # the folders are words
    (cd "$WORK/npm/node_modules" && find $dirs -type f \( -name '*.js' -o -name '*.mjs' \
        -o -name '*.cjs' -o -name '*.ts' -o -name '*.tsx' \) -print0 2>/dev/null |
      xargs -0 -r cp --parents -t "$app/src")
    printf 'modules:\n  function:\n    - key: main\n      handler: index.handler\napp:\n  id: %s\n  runtime:\n    name: nodejs22.x\n' \
      "ari:cloud:ecosystem::app/00000000-0000-0000-0000-0000000packs" >"$app/manifest.yml"
    echo "export const handler = async () => fetch('https://api.example.com/x');" >"$app/src/index.js"
  fi
  list="$WORK/analysed-$name.txt" err="$WORK/err-$name.txt" json="$WORK/out-$name.json"
  FORGE_EGRESS_TIMING=1 FORGE_EGRESS_ANALYSED_LIST="$list" /usr/bin/time -f "time %e %M" \
    timeout "$LIMIT" "$BUILD/forge-egress" scan "$app" --format json --jobs 2 --fail-on never \
    >"$json" 2>"$err" || true
  sed -i "s#^#$app/#" "$list" 2>/dev/null || true
  read -r _ pbytes psec < <("$BUILD/bench/parse_only" --list "$list" 2>/dev/null || echo "0 0 0")
  python3 - "$name" "$err" "$json" "$pbytes" "$psec" "$(wc -l <"$list" 2>/dev/null || echo 0)" <<'PY'
import json, re, sys
name, err, out, pbytes, psec, files = sys.argv[1:7]
text = open(err).read()
m = re.search(r"^time ([\d.]+) (\d+)", text, re.M)
steps = sum(int(s) for s in re.findall(r"timing: solve \d+ ms \((\d+) steps", text))
if not m:
    print(f"{name:<18} {files:>6} {int(pbytes) / 1e6:7.1f} {float(psec):8.2f} {'killed':>8}")
    sys.exit()
t, rss = float(m.group(1)), int(m.group(2)) // 1024
try:
    app = json.load(open(out))["apps"][0]
    budget = any("budget" in r for r in app["incomplete"])
    status = ("budget hit" if budget else "complete" if app["complete"] else
              f"incomplete ({len(app['incomplete'])} not analysed: eval, computed require…)")
except Exception as e:  # a scan that wrote no report
    status = f"no report ({e})"
ratio = t / float(psec) if float(psec) > 0 else 0
print(f"{name:<18} {files:>6} {int(pbytes) / 1e6:7.1f} {float(psec):8.2f} {t:8.2f} {ratio:6.2f}x"
      f" {rss:8} {steps:9} {status}")
PY
done
