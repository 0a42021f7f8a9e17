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

// Per function (global index): 1 when it may run, reachable in the call graph from an entry
// point or from any module's top level (a callback handed to a library is an edge from the
// function that handed it).
std::vector<uint8_t> liveFunctions(const FlowSolver& solver);

// The function (global index) whose body holds a call.
uint32_t enclosingFunction(const AppProgram& program, uint32_t call);

}  // namespace fe
