// Witness paths (see witness.h).
#include "flow/witness.h"

#include <algorithm>
#include <set>

namespace fe {

std::vector<WitnessStep> witnessPath(const FlowSolver& solver, VarId v, int bit, WitnessStep sink) {
  const AppProgram& program = solver.program();
  std::vector<WitnessStep> steps;
  std::set<VarId> visited;
  VarId cur = v;
  while (cur != kNoVar && steps.size() < 40 && visited.insert(cur).second) {
    const VarInfo& info = program.varInfo(cur);
    if (info.site.line > 0)
      steps.push_back({program.files[program.fileOfVar(cur)].path, static_cast<int>(info.site.line),
                       info.name});
    auto* parents = solver.parentsOf(cur);
    if (!parents) break;
    const TaintParent& tp = (*parents)[bit];
    // The category came from a library value's own taint (a source) when
    // the variable it came from did not carry it.
    bool fromSource =
        tp.token != kNone && (tp.from == kNoVar || !(solver.state(tp.from).eff & (1u << bit)));
    if (tp.from == kNoVar || fromSource) {
      if (tp.token != kNone) {
        const Token& t = solver.token(tp.token);
        std::string label =
            std::string("source: ") + categoryName(bit) + " (" + solver.tokenPath(tp.token) + ")";
        if (!steps.empty() && ((steps.back().file == program.files[t.file].path &&
                                steps.back().line == int(t.site.line)) ||
                               t.site.line == 0))
          steps.back().label =
              label + (steps.back().label.empty() ? "" : ": " + steps.back().label);
        else if (t.site.line == 0)
          ;
        else
          steps.push_back({program.files[t.file].path, static_cast<int>(t.site.line), label});
      }
      break;
    }
    cur = tp.from;
  }
  std::reverse(steps.begin(), steps.end());
  // Merge steps on the same line.
  std::vector<WitnessStep> merged;
  for (auto& s : steps) {
    if (!merged.empty() && merged.back().file == s.file && merged.back().line == s.line) continue;
    merged.push_back(std::move(s));
  }
  merged.push_back(std::move(sink));
  return merged;
}

}  // namespace fe
