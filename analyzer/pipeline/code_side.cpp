// Sides by reachability over the import graph (see code_side.h).
#include "pipeline/code_side.h"

namespace fe {

namespace {
std::vector<bool> reachable(const AppProgram& program, const std::vector<uint32_t>& roots) {
  std::vector<bool> seen(program.files.size(), false);
  std::vector<uint32_t> stack;
  for (uint32_t r : roots)
    if (r < seen.size() && !seen[r]) {
      seen[r] = true;
      stack.push_back(r);
    }
  while (!stack.empty()) {
    uint32_t f = stack.back();
    stack.pop_back();
    if (f >= program.fileImports.size()) continue;
    for (uint32_t t : program.fileImports[f])
      if (!seen[t]) {
        seen[t] = true;
        stack.push_back(t);
      }
  }
  return seen;
}
}  // namespace

void assignSides(AppProgram& program, const std::vector<bool>& frontendRoot) {
  std::vector<uint32_t> frontRoots;
  for (uint32_t f = 0; f < frontendRoot.size() && f < program.files.size(); ++f)
    if (frontendRoot[f]) frontRoots.push_back(f);
  std::vector<bool> back = reachable(program, program.handlerFiles);
  std::vector<bool> front = reachable(program, frontRoots);
  for (uint32_t f = 0; f < program.files.size(); ++f) {
    if (back[f] && front[f])
      program.files[f].side = SourceSide::Both;
    else if (back[f])
      program.files[f].side = SourceSide::Backend;
    else if (front[f])
      program.files[f].side = SourceSide::Frontend;
  }
}

}  // namespace fe
