// The `markdown` output format: the evidence report a vendor attaches to a security
// questionnaire or a reviewer reads in a pull-request comment. Per app: the policy claims and
// their verdicts (with Runs on Atlassian eligibility), a destinations table, a Mermaid data-flow
// diagram (data categories → entry points → destinations; GitHub and Bitbucket draw it),
// findings, unused permissions and what could not be analysed. With a baseline, what is new comes
// first. Deterministic, so it can be committed and diffed; sized for a PR comment (GitHub holds
// 65,536 characters): past the limit, detail sections are cut and the report says so.
#pragma once

#include <string>

#include "pipeline/scan.h"
#include "report/gate_summary.h"

namespace fe {

inline constexpr size_t kMarkdownLimit = 60000;  // under GitHub's 65,536, with room for a header

std::string renderMarkdown(const ScanResult& result, const GateDecision& gate,
                           size_t limit = kMarkdownLimit);

}  // namespace fe
