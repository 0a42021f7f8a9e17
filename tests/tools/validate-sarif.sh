#!/usr/bin/env bash
# Writes SARIF for every fixture app (and each acceptance case when ../shared/acceptance is
# there) and validates it with ajv against the official 2.1.0 schema and with the SARIF
# multitool (`--rule-kind 'Gh;Sarif'`). Usage: validate-sarif.sh path/to/forge-egress. Exit 0 clean.
set -euo pipefail

BIN="$(realpath "${1:?usage: validate-sarif.sh path/to/forge-egress}")"
# The pinned validators; the only install script that matters is the multitool binary's
# `chmod u+x`, done here instead.
source "$(dirname "$0")/ensure-tools.sh"
REPO="$(cd "$TOOLS/../.." && pwd)"
MULTITOOL_BIN="$TOOLS/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -x "$MULTITOOL_BIN" ] || chmod u+x "$MULTITOOL_BIN"

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

# Scan from the repository root with relative paths, as CI does.
cd "$REPO"
targets=()
for m in fixtures/*/manifest.yml; do targets+=("$(dirname "$m")"); done
targets+=(fixtures)  # several apps in one run
ACCEPTANCE="$(realpath -m "$REPO/../shared/acceptance/cases")"
if [ -d "$ACCEPTANCE" ]; then
  for d in "$ACCEPTANCE"/*/app; do targets+=("$d"); done
fi

files=()
for t in "${targets[@]}"; do
  name="$(echo "$t" | sed 's#^\.\./##; s#[^A-Za-z0-9._-]#_#g')"
  rc=0
  "$BIN" scan "$t" --format sarif -o "$OUT/$name.sarif" >/dev/null 2>"$OUT/$name.stderr" || rc=$?
  if [ "$rc" -ge 2 ]; then
    # An input error (exit 2) writes no report: only acceptable for a broken manifest.
    echo "validate-sarif: $t: exit $rc: $(head -c 300 "$OUT/$name.stderr")" >&2
    [ -s "$OUT/$name.sarif" ] || continue
  fi
  files+=("$OUT/$name.sarif")
done
echo "validate-sarif: ${#files[@]} SARIF files"
[ "${#files[@]}" -gt 0 ] || { echo "validate-sarif: nothing to validate" >&2; exit 1; }

status=0
echo "== ajv (sarif-2.1.0-rtm.5.json)"
node "$TOOLS/validate-sarif.js" "${files[@]}" || status=1

echo "== sarif-multitool validate --rule-kind 'Gh;Sarif'"
# The multitool exits 0 even when a file is invalid: count the errors in its own SARIF output.
(cd "$TOOLS" && npx --no sarif-multitool validate "${files[@]}" --rule-kind "'Gh;Sarif'" \
   -o "$OUT/multitool.sarif" --log ForceOverwrite) >"$OUT/multitool.log" 2>&1 || status=1
grep -E ': (error|warning) ' "$OUT/multitool.log" || true
if [ ! -s "$OUT/multitool.sarif" ]; then
  echo "validate-sarif: the multitool wrote no output" >&2
  cat "$OUT/multitool.log" >&2
  exit 1
fi
errors="$(grep -c '"level": "error"' "$OUT/multitool.sarif" || true)"
echo "multitool: $errors error(s) in ${#files[@]} files"
[ "$errors" -eq 0 ] || status=1

exit $status
