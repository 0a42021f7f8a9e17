// Entry points reaching each function (see entry_reach.h): one walk of the
// call graph per entry point.
#include "flow/entry_reach.h"

#include <algorithm>

namespace fe {

std::vector<std::vector<std::string>> entriesReaching(const FlowSolver& solver) {
  const AppProgram& p = solver.program();
  std::vector<std::vector<std::string>> reachedBy(p.functionCount);
  auto entries = solver.entryFunctions();
  std::sort(entries.begin(), entries.end());
  for (const auto& [fn, name] : entries) {
    std::vector<uint32_t> stack{fn};
    std::vector<uint8_t> seen(p.functionCount, 0);
    seen[fn] = 1;
    while (!stack.empty()) {
      uint32_t f = stack.back();
      stack.pop_back();
      auto& names = reachedBy[f];
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      for (uint32_t g : solver.callGraph()[f])
        if (!seen[g]) {
          seen[g] = 1;
          stack.push_back(g);
        }
    }
  }
  for (auto& names : reachedBy) std::sort(names.begin(), names.end());
  return reachedBy;
}

uint32_t enclosingFunction(const AppProgram& p, uint32_t call) {
  const CallFact& c = p.call(call);
  uint32_t file = p.fileOfCall(call);
  return c.enclosingFunction == kTopLevel ? p.topLevelFunction(file)
                                          : p.functionBase[file] + c.enclosingFunction;
}

}  // namespace fe
