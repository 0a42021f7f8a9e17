// Customer data handed to a package the scan does not read: its code is in node_modules, not
// in the app, and no catalog row says what it does. Whether it sends the data anywhere is
// unknown, so each such package is an `unmodelled-package` warning at its first call that
// gets customer data, and the app's verdict is incomplete (pipeline/scan.cpp). Packages the
// catalog models, Node's built-ins and the catalog's `purePackages` (lodash, React, …; the
// user's `.forge-egress.yml` may add more) are not: nor is rendering a package's component.
#pragma once

#include "flow/solver.h"
#include "support/diagnostic.h"

namespace fe {

void reportUnmodelledPackages(const FlowSolver& solver, const Catalog& catalog, Diagnostics& out);

// A call through a variable where a library sink (fetch) was summarised with other values
// (the variable held more than the analysis follows one by one) is not analysed as a network
// call. Where customer data reaches such a call in code that may run, a `summarised-sink`
// warning says so, and the verdict is incomplete.
void reportSummarisedSinks(const FlowSolver& solver, Diagnostics& out);

}  // namespace fe
