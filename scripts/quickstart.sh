#!/usr/bin/env bash
# The README's first command: install what is missing, build, and scan the
# bundled example app so a newcomer sees a real verdict.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo
echo "\$ build/forge-egress scan fixtures/example-app"
build/forge-egress scan fixtures/example-app || true
