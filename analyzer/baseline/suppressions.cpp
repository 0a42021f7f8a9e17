// Applies inline and configuration suppressions (see suppressions.h). An
// inline comment covers its own line and the line below it, through a block
// of stacked suppression comments.
#include "baseline/suppressions.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "config/config.h"
#include "rules/rules.h"

namespace fe {

namespace {

struct FileSuppressions {
  std::set<uint32_t> commentLines;  // every forge-egress-ignore line, valid or not
  std::multimap<uint32_t, const InlineSuppression*> valid;  // by line
};

// The inline suppression of `ruleId` covering `line`, or null.
const InlineSuppression* covering(const FileSuppressions& fs, const std::string& ruleId,
                                  uint32_t line) {
  // Walk up from the result's line through the stacked comment block above it.
  for (uint32_t l = line; l >= 1; --l) {
    auto [lo, hi] = fs.valid.equal_range(l);
    for (auto it = lo; it != hi; ++it)
      if (it->second->ruleId == ruleId) return it->second;
    if (l < line && !fs.commentLines.count(l))
      break;  // only a block of suppression comments stacks
  }
  return nullptr;
}

}  // namespace

void applySuppressions(AppReport& app, const std::vector<AllowedHost>& allow,
                       Diagnostics& diagnostics) {
  std::map<std::string, FileSuppressions> byFile;
  // Rules may be named as in the configuration (`customer-data-egress`): use the id.
  for (auto& s : app.suppressions)
    if (const RuleInfo* r = findRuleByIdOrName(s.ruleId)) s.ruleId = r->id;
  for (const auto& s : app.suppressions) {
    FileSuppressions& fs = byFile[s.file];
    fs.commentLines.insert(s.line);
    if (s.ruleId.empty() || !findRule(s.ruleId)) {
      diagnostics.push_back({Severity::Warning, "suppression-unknown-rule", s.file,
                             static_cast<int>(s.line), 0,
                             fmt::format("forge-egress-ignore names no known rule ('{}'); write "
                                         "`// forge-egress-ignore FE00N: reason`",
                                         s.ruleId)});
      continue;
    }
    if (s.reason.empty()) {
      diagnostics.push_back(
          {Severity::Warning, "suppression-without-reason", s.file, static_cast<int>(s.line), 0,
           fmt::format("forge-egress-ignore {} has no reason and suppresses nothing; write "
                       "`// forge-egress-ignore {}: why this is accepted`",
                       s.ruleId, s.ruleId)});
      continue;
    }
    fs.valid.emplace(s.line, &s);
  }
  auto inlineFor = [&](const std::string& file, const std::string& ruleId,
                       uint32_t line) -> const InlineSuppression* {
    auto it = byFile.find(file);
    return it == byFile.end() ? nullptr : covering(it->second, ruleId, line);
  };
  auto allowedFor = [&](const std::optional<std::string>& host) -> const AllowedHost* {
    if (!host) return nullptr;
    for (const auto& a : allow)
      if (hostPatternMatches(a.pattern, *host)) return &a;
    return nullptr;
  };

  const auto& egress = app.verdict.egress;
  app.egressGate.assign(egress.size(), EgressGateState{});
  for (size_t i = 0; i < egress.size(); ++i) {
    EgressGateState& g = app.egressGate[i];
    // A site is the FE001 result of its call: an FE001 suppression covers it.
    if (const InlineSuppression* s = inlineFor(egress[i].file, "FE001", egress[i].site.line)) {
      g.suppressed = true;
      g.suppressionKind = "inSource";
      g.suppressionReason = s->reason;
    } else if (const AllowedHost* a = allowedFor(egress[i].host)) {
      g.suppressed = true;
      g.suppressionKind = "external";
      g.suppressionReason = a->reason;
    }
  }
  for (auto& f : app.verdict.findings) {
    if (const InlineSuppression* s = inlineFor(f.file, f.ruleId, f.site.line)) {
      f.suppressed = true;
      f.suppressionKind = "inSource";
      f.suppressionReason = s->reason;
    } else if (f.egressIndex >= 0 && static_cast<size_t>(f.egressIndex) < egress.size()) {
      if (const AllowedHost* a = allowedFor(egress[f.egressIndex].host)) {
        f.suppressed = true;
        f.suppressionKind = "external";
        f.suppressionReason = a->reason;
      }
    }
  }
}

}  // namespace fe
