// The `html` output format: the evidence report as one self-contained page (no scripts, no
// external fonts, styles or images, so it opens offline and under a strict CSP): the same
// content as the Markdown report, the data-flow diagram drawn as inline SVG by the tool itself
// (a layered layout: data categories left, entry points in the middle, destinations right),
// destination rows that expand to each call site's witness path, and print styles so the
// browser's "Save as PDF" gives a clean document. Deterministic.
#pragma once

#include <string>

#include "pipeline/scan.h"
#include "report/gate_summary.h"

namespace fe {

std::string renderHtml(const ScanResult& result, const GateDecision& gate);

// Text as HTML character data or a quoted attribute value.
std::string htmlEscape(const std::string& s);

}  // namespace fe
