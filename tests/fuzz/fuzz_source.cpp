// libFuzzer target: one source file (first byte picks .js/.ts/.tsx) parsed,
// extracted, linked into a one-file app and solved with a small budget.
// The work per input lives in fuzz_inputs.h (shared with tests/crash_regression_test.cpp).
#include "fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fe::fuzz::runSource(data, size);
  return 0;
}
