// The `json` output format (docs/json-output.md): versioned, deterministic,
// paths relative to the scan root with '/'.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/scan.h"

namespace fe {

inline constexpr int kJsonSchemaVersion = 1;

nlohmann::ordered_json jsonReport(const ScanResult& result);
std::string renderJson(const ScanResult& result);
// Helpers shared by the other formats.
const char* sideName(SourceSide side);
std::string verdictLine(const AppReport& app);

}  // namespace fe
