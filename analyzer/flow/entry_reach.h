// Which entry points (manifest handlers, resolver definitions) reach each
// function through the call graph: used by egress sites (entryPoints) and by
// the policy checks (is this call made for a user? which entry's call tree?).
#pragma once

#include <string>
#include <vector>

#include "flow/solver.h"

namespace fe {

// Per function (global index), the names of the entry points that reach it, sorted.
std::vector<std::vector<std::string>> entriesReaching(const FlowSolver& solver);

// The function (global index) whose body holds a call.
uint32_t enclosingFunction(const AppProgram& program, uint32_t call);

}  // namespace fe
