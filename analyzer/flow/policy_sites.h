// The policy checks on the same solved program as egress (rules FE013–FE017):
// sources, sinks and sanitizers of the catalog's `checks` rows, read with the
// solver's taint, call graph and call/return-matched reachability.
//
//   FE013 an asApp() product request from a user-invoked entry whose route
//         carries user input, with no authorization check on that input in
//         the same entry's call tree (an asUser() probe, an authorize() check,
//         or a function named in the configuration).
//   FE014 a payload field that Forge gives in the trusted context (accountId,
//         issue id…) used in an asApp() route, a storage key or a check.
//   FE015 user input written (storage value, request body) without passing
//         through a validator (a schema parse).
//   FE016 user input in the SQL text of @forge/sql.
//   FE017 a web trigger without HMAC authentication that answers with customer
//         data (or writes the caller's data) and compares no request value with
//         a secret (process.env or a stored secret).
//
// Approximations (docs/rules): "before the sink" is by line within one
// function and by call-tree membership across functions; a check in a branch
// that does not guard the sink still counts.
#pragma once

#include <string>
#include <vector>

#include "flow/egress_site.h"
#include "flow/solver.h"
#include "manifest/manifest.h"

namespace fe {

struct PolicyOptions {
  // Functions the user says check authorization: "path#function" (`authorization` in
  // .forge-egress.yml).
  std::vector<std::string> authorizationFunctions;
};

std::vector<PolicySite> collectPolicySites(const FlowSolver& solver, const Manifest& manifest,
                                           const PolicyOptions& options);

}  // namespace fe
