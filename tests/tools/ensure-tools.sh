# Sourced by the validators in tests/tools: installs the pinned npm tools (package-lock.json)
# once; scripts never run. Sets TOOLS to this folder.
TOOLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "$(basename "$0"): node and npm are needed (Debian: apt-get install nodejs npm)" >&2
  exit 77  # skipped (CTest SKIP_RETURN_CODE)
fi
# The validators run in parallel under CTest: one `npm ci` at a time (it deletes
# node_modules first), and the others wait for it instead of reading a half-made folder.
exec 9>"$TOOLS/.npm-install.lock"
flock 9
if [ ! -f "$TOOLS/node_modules/.package-lock.json" ] ||
   ! cmp -s "$TOOLS/package-lock.json" "$TOOLS/node_modules/.forge-egress-lock"; then
  echo "$(basename "$0"): npm ci in tests/tools" >&2
  (cd "$TOOLS" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$TOOLS/package-lock.json" "$TOOLS/node_modules/.forge-egress-lock"
fi
flock -u 9
