// Sides by reachability over the import graph (see code_side.h).
#include "pipeline/code_side.h"

namespace fe {

void assignSides(AppProgram& program, const std::vector<bool>& frontendRoot) {
  std::vector<uint32_t> frontRoots;
  for (uint32_t f = 0; f < frontendRoot.size() && f < program.files.size(); ++f)
    if (frontendRoot[f]) frontRoots.push_back(f);
  std::vector<bool> back = program.filesLoadedBy(program.handlerFiles);
  std::vector<bool> front = program.filesLoadedBy(frontRoots);
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
