// Stable fingerprints for results: made from what a result is about (rule,
// app, file, enclosing function, destination, data, normalised call text),
// never from line numbers, so they survive edits elsewhere in the file.
#pragma once

#include <string>
#include <vector>

#include "pipeline/scan.h"

namespace fe {

std::string stableHash(const std::string& text);
// Fills egress and finding fingerprints of an app, with occurrence counters
// for true duplicates (in source order).
void assignFingerprints(AppReport& app);

}  // namespace fe
