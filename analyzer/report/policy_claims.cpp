// The policy claims of an app (see policy_claims.h).
#include "report/policy_claims.h"

#include <fmt/format.h>

#include <algorithm>

namespace fe {

std::vector<PolicyClaim> policyClaims(const AppReport& app) {
  struct Spec {
    const char* id;
    const char* claim;
    std::vector<std::string> rules;
  };
  static const std::vector<Spec> kClaims = {
      {"no-external-servers", "no external servers", {"FE001", "FE003", "FE004"}},
      {"data-stays-on-atlassian", "customer data stays on Atlassian", {"FE002", "FE017"}},
      {"backend-authorization", "backend authorization", {"FE013", "FE014"}},
      {"validated-writes", "inputs validated before writes", {"FE015", "FE016"}},
      {"logs", "logs only as necessary", {"FE012"}},
  };
  std::vector<PolicyClaim> out;
  for (const auto& spec : kClaims) {
    PolicyClaim c;
    c.id = spec.id;
    c.claim = spec.claim;
    c.rules = spec.rules;
    for (const auto& f : app.verdict.findings) {
      if (f.suppressed ||
          std::find(spec.rules.begin(), spec.rules.end(), f.ruleId) == spec.rules.end())
        continue;
      // An undeclared call to an Atlassian host is a manifest problem, not an external server.
      bool atlassian = f.egressIndex >= 0 &&
                       static_cast<size_t>(f.egressIndex) < app.verdict.atlassian.size() &&
                       app.verdict.atlassian[static_cast<size_t>(f.egressIndex)];
      if (atlassian && std::string(spec.id) == "no-external-servers") continue;
      if (!c.first) c.first = &f;
      ++c.findings;
    }
    c.status = c.findings ? "fails" : app.incomplete.empty() ? "holds" : "cannot-be-shown";
    out.push_back(std::move(c));
  }
  return out;
}

std::string claimEvidence(const PolicyClaim& c) {
  if (!c.first) return "";
  return fmt::format("{} finding{}; first: {} {}:{}", c.findings, c.findings == 1 ? "" : "s",
                     c.first->ruleId, c.first->file, c.first->site.line);
}

}  // namespace fe
