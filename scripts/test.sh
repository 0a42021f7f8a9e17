#!/usr/bin/env bash
# The README's second command (and what CI runs): install what is missing,
# build, and run the whole test suite with CTest; then the same tests under
# ASan+UBSan and a short libFuzzer smoke run of each fuzz target, both from one
# clang build (build-asan/). SKIP_SANITIZERS=1 / SKIP_FUZZ=1 skip those stages;
# FUZZ_SECONDS sets the smoke time per target (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
export FORGE_EGRESS_DEV_TOOLS=1  # setup.sh also installs clang, libclang-rt-14-dev, ccache
bash scripts/setup.sh
source scripts/common.sh  # after setup: it may have installed ccache
ctest --test-dir build --output-on-failure -j "$(nproc)"


# ---- one clang build with AddressSanitizer + UndefinedBehaviorSanitizer and libFuzzer
# coverage (FORGE_EGRESS_FUZZ): the unit and end-to-end tests run under the sanitizers, then
# each fuzz target gets a short smoke run from the same build (one sanitizer build, not two).
if [ "${SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "test: ASan+UBSan build in build-asan/ (clang)" >&2
  if [ ! -f build-asan/build.ninja ]; then
    CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DFORGE_EGRESS_FUZZ=ON "${ccache_launcher[@]}" >/dev/null
  fi
  cmake --build build-asan -j "$(nproc)"
  # Leaks are errors; UBSan stops at the first report.
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 600 -LE package \
      -E "through a table"  # 30 s in Release, minutes under ASan: its call edges dominate
  if [ "${SKIP_FUZZ:-0}" != 1 ]; then
    echo "test: fuzz smoke run in build-asan/" >&2
    FUZZ_BUILD_DIR=build-asan bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
  fi
fi
