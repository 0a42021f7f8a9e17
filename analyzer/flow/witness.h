// A witness path: how a category of customer data got to a variable, from
// the parent pointers the solver records when each category first reaches
// each variable, read backwards to its source, then the sink step. Shown as
// SARIF code flows and in the text report.
#pragma once

#include <vector>

#include "flow/egress_site.h"
#include "flow/solver.h"

namespace fe {

// Steps from the source of category `bit` (its index) that reaches v, ending with `sink`.
std::vector<WitnessStep> witnessPath(const FlowSolver& solver, VarId v, int bit, WitnessStep sink);

}  // namespace fe
