// The policy section of a report: one line per claim a vendor's security policy
// makes, each holds, fails (with the count and the first finding) or cannot be
// shown (the analysis is incomplete). The egress verdict itself is unchanged.
#pragma once

#include <string>
#include <vector>

#include "pipeline/scan.h"

namespace fe {

struct PolicyClaim {
  std::string id;      // no-external-servers, data-stays-on-atlassian, backend-authorization,
                       // validated-writes, logs
  std::string claim;   // the sentence a policy makes
  std::string status;  // holds, fails, cannot-be-shown
  std::vector<std::string> rules;
  size_t findings = 0;  // unsuppressed findings of those rules
  const Finding* first = nullptr;
};

std::vector<PolicyClaim> policyClaims(const AppReport& app);

// "3 findings; first: FE004 src/index.js:12", or "" when the claim has none (plain text).
std::string claimEvidence(const PolicyClaim& claim);

}  // namespace fe
