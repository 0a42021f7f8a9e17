// libFuzzer target: a whole small app (manifest.yml, then "\n==> path" sections)
// written to a temp folder and scanned with runScan; reports rendered.
// The work per input lives in fuzz_inputs.h (shared with tests/crash_regression_test.cpp).
#include "fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fe::fuzz::runApp(data, size);
  return 0;
}
