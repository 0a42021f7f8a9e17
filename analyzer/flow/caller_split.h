// Which data goes to which host when one helper serves several callers. The solve is
// context-insensitive: `post(SLACK, {text: issue.summary})` and `post(STATUS, {ok: true})`
// give the fetch in `post` both hosts and the data, so the status host would be
// reported as receiving it. Here each host of a site keeps only the categories that some
// caller brings along with that host.
#pragma once

#include <vector>

#include "flow/egress_site.h"
#include "flow/program.h"
#include "flow/solver.h"

namespace fe {

// `sites`: the entries of one call site, one per destination (known host or unknown), with
// the site's data. `urlVars` and `dataVars` are the values the sink's URL and data come from.
// A known host whose strings cannot be traced to a caller keeps every category (sound).
void splitDataByCaller(const FlowSolver& solver, const AppProgram& program, uint32_t call,
                       const std::vector<VarId>& urlVars, const std::vector<VarId>& dataVars,
                       std::vector<EgressSite>& sites);

}  // namespace fe
