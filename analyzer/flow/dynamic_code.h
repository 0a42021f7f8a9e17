// Calls that run code the tool cannot read (catalog `dynamicCode`: eval, new Function, vm,
// child_process, a Worker): each becomes an `unanalysed-code` warning at its line, which makes
// the app's verdict incomplete (pipeline/scan.cpp), since what that code sends is unknown.
#pragma once

#include "flow/solver.h"
#include "support/diagnostic.h"

namespace fe {

void reportDynamicCode(const FlowSolver& solver, const Catalog& catalog, Diagnostics& out);

}  // namespace fe
