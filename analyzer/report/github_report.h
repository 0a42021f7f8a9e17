// The `github` output format: GitHub Actions workflow commands, so findings annotate the pull
// request's files in repositories without code scanning (as ast-grep's --format github does).
// One `::error` / `::warning` / `::notice` per finding (FE001 inventory notes once per
// destination), then the summary line as a notice (exit 0) or an error.
#pragma once

#include <string>

#include "pipeline/scan.h"
#include "report/gate_summary.h"

namespace fe {

std::string renderGithub(const ScanResult& result, const GateDecision& gate);

// Workflow-command escaping (GitHub's toolkit): data escapes %, CR and LF; property values
// escape those and also ':' and ','.
std::string githubEscapeData(const std::string& s);
std::string githubEscapeProperty(const std::string& s);

}  // namespace fe
