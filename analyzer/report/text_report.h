// The `text` output format: per app, the verdict first, then each
// destination with its call sites, data and one witness path, then findings
// (errors, then warnings, then notes; the FE001 inventory one line per
// destination) and diagnostics, and last the summary line with the gate's
// decision. Colour only when asked (a terminal without NO_COLOR).
#pragma once

#include <string>

#include "pipeline/scan.h"
#include "report/gate_summary.h"

namespace fe {

struct TextOptions {
  bool color = false;
  // Only what makes the gate fail, then the summary line.
  bool quiet = false;
  std::string failOn = "error";
  // The decision the summary line states (the command line's exit code).
  GateDecision gate;
};

std::string renderText(const ScanResult& result, const TextOptions& options);
// Without a gate decision: the one --fail-on error would take.
std::string renderText(const ScanResult& result, bool color);

}  // namespace fe
