#!/usr/bin/env bash
# Checks that every Mermaid diagram of the Markdown report is valid Mermaid, as GitHub would
# draw it: the report of every fixture app (and of the two-app fixtures/monorepo) goes through
# the pinned `mermaid` package's parser, run in Debian's headless Chromium (nothing downloads
# a browser). Usage: validate-mermaid.sh path/to/forge-egress. Exit 0 valid, 77 skipped.
set -euo pipefail

BIN="$(realpath "${1:?usage: validate-mermaid.sh path/to/forge-egress}")"
if ! command -v chromium >/dev/null 2>&1; then
  echo "validate-mermaid: chromium is not installed (scripts/setup.sh installs it for CI): skipped" >&2
  exit 77
fi
source "$(dirname "$0")/ensure-tools.sh"
REPO="$(cd "$TOOLS/../.." && pwd)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

cd "$REPO"
targets=(fixtures/monorepo)
for m in fixtures/*/manifest.yml; do targets+=("$(dirname "$m")"); done
for t in "${targets[@]}"; do
  "$BIN" scan "$t" --format markdown > "$OUT/$(basename "$t").md" || true
done

# One page: the diagrams as a JSON array, parsed one by one; the result goes into the DOM.
python3 - "$OUT" "$TOOLS/node_modules/mermaid/dist/mermaid.min.js" <<'PY'
import json, pathlib, re, sys
out, mermaid = pathlib.Path(sys.argv[1]), sys.argv[2]
diagrams = []
for md in sorted(out.glob("*.md")):
    for i, block in enumerate(re.findall(r"```mermaid\n(.*?)```", md.read_text(), re.S)):
        diagrams.append([f"{md.stem}#{i}", block])
(out / "count").write_text(str(len(diagrams)))
page = f"""<!doctype html><html><body><pre id="result">pending</pre>
<script src="file://{mermaid}"></script>
<script>
const diagrams = {json.dumps(diagrams)};
mermaid.initialize({{ startOnLoad: false }});
(async () => {{
  const lines = [];
  for (const [name, text] of diagrams) {{
    // The markers are built here, so the page's own source never matches them.
    try {{ await mermaid.parse(text); lines.push(['mermaid', 'valid', name].join('-')); }}
    catch (e) {{ lines.push(['mermaid', 'invalid', name].join('-') + ': ' + String(e && e.message || e).split('\\n')[0]); }}
  }}
  document.getElementById('result').textContent = '\\n' + lines.join('\\n') + '\\n';
}})();
</script></body></html>"""
(out / "page.html").write_text(page)
PY
expected=$(cat "$OUT/count")
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --user-data-dir="$OUT/profile" --allow-file-access-from-files --virtual-time-budget=30000 \
  --dump-dom "file://$OUT/page.html" > "$OUT/dom.html" 2>/dev/null
valid=$(grep -c '^mermaid-valid-' "$OUT/dom.html" || true)
if grep -q '^mermaid-invalid-' "$OUT/dom.html" || [ "$valid" != "$expected" ] || [ "$expected" = 0 ]; then
  echo "validate-mermaid: $valid of $expected diagrams valid" >&2
  grep -E '^mermaid-invalid-|pending' "$OUT/dom.html" >&2 || true
  exit 1
fi
echo "validate-mermaid: $valid diagrams valid"
