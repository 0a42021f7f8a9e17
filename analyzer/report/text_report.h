// The `text` output format: per app, the verdict first, then each
// destination with its call sites, data and one witness path, then findings
// and diagnostics. Colour only when asked (a terminal without NO_COLOR).
#pragma once

#include <string>

#include "pipeline/scan.h"

namespace fe {

std::string renderText(const ScanResult& result, bool color);

}  // namespace fe
