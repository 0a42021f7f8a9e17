// Solving one app: its files split into independent groups (flow/partition.h),
// each linked and solved on its own (on the worker pool), then the egress, log
// and policy sites of every group in one list, in the order one whole-app
// solve would give them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "flow/budget.h"
#include "flow/egress_site.h"
#include "flow/partition.h"
#include "flow/policy_sites.h"
#include "index/module_resolver.h"
#include "manifest/manifest.h"

namespace fe {

struct AppSolveInput {
  std::vector<FileFacts> files;    // the app's files, sorted by path
  const ModuleResolver* resolver;  // over the same files
  const Manifest* manifest;
  std::string dir;  // the app's folder, relative to the scan root
  const Catalog* catalog;
  FlowBudget budget;  // for the whole app; groups get shares of the steps
  PolicyOptions policy;
  std::function<bool(const std::string&)> frontendRoot;  // the file is a frontend entry
  // The resource whose page loads a frontend file ("" when none): its entry name.
  std::function<std::string(const std::string&)> resourceOf;
  // Files that run in one browser page or iframe (a Custom UI project, a UI Kit
  // resource's folder) share its globals: the same realm number, else -1.
  std::function<int(const std::string&)> realmOf;
  int jobs = 1;
  PartitionLimits partition;
};

struct AppSolveResult {
  FlowFindings flow;
  FlowStats stats;  // all groups' steps, how many groups, the first budget a group hit
};

AppSolveResult solveApp(AppSolveInput input, Diagnostics& diagnostics);

}  // namespace fe
