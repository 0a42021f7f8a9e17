// libFuzzer target: readManifest on arbitrary bytes (never throws, bounded on alias bombs;
// a rejected manifest always has an error diagnostic).
// The work per input lives in fuzz_inputs.h (shared with tests/crash_regression_test.cpp).
#include "fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fe::fuzz::runManifest(data, size);
  return 0;
}
