#!/usr/bin/env bash
# The README's second command (and what CI runs): install what is missing,
# build, and run the whole test suite with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
