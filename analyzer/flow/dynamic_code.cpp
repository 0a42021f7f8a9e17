#include "flow/dynamic_code.h"

#include <fmt/format.h>

#include <set>

#include "flow/entry_reach.h"

namespace fe {

namespace {

// setTimeout(fn) runs a function the analysis reads; setTimeout('code') does not. The first
// argument counts as code when it may be a string: text, or customer data as a whole value.
// (A callback the analysis cannot name, `setTimeout(resolve, ms)`, is not code.)
bool mayBeString(const FlowSolver& solver, const CallFact& call, VarId base) {
  if (call.args.empty() || call.args[0] == kNoVar) return false;
  VarId a = base + call.args[0];
  const VarState& s = solver.state(a);
  if (solver.strings(a).empty() && !(s.wholeData && s.taint)) return false;
  // Functions too: a callback merged with text by a context-insensitive helper
  // (`(cb) => setTimeout(cb)`), not a code string.
  for (uint32_t t : s.tokens)
    if (solver.token(t).kind == TokenKind::Function) return false;
  return true;
}

// Constant code that cannot call anything: no parentheses, backticks or `new`
// (`Function('return this')()`, the global object in many bundles).
bool inertConstants(const FlowSolver& solver, const CallFact& call, VarId base) {
  bool any = false;
  for (VarId arg : call.args) {
    if (arg == kNoVar) continue;
    const VarState& s = solver.state(base + arg);
    if (!s.tokens.empty() || s.taint) return false;
    for (const auto& sv : solver.strings(base + arg).values()) {
      if (sv.kind != StringKind::Exact) return false;
      if (sv.text.find_first_of("(`") != std::string::npos ||
          sv.text.find("new") != std::string::npos)
        return false;
      any = true;
    }
  }
  return any;
}

}  // namespace

void reportDynamicCode(const FlowSolver& solver, const Catalog& catalog, Diagnostics& out) {
  const AppProgram& program = solver.program();
  std::set<uint32_t> seen;  // one warning per call, whatever the callee tokens
  std::vector<uint8_t> live;
  for (const DynamicCodeHit& hit : solver.dynamicCodeHits()) {
    if (!seen.insert(hit.call).second) continue;
    const DynamicCodeModel& model = catalog.dynamicCode[hit.model];
    const CallFact& call = program.call(hit.call);
    uint32_t file = program.fileOfCall(hit.call);
    if (live.empty()) live = liveFunctions(solver);
    uint32_t fn = enclosingFunction(program, hit.call);
    if (fn < live.size() && !live[fn]) continue;
    VarId base = program.varBase[file];
    if (model.stringArg && !mayBeString(solver, call, base)) continue;
    if (model.inertConstants && inertConstants(solver, call, base)) continue;
    out.push_back({Severity::Warning, "unanalysed-code", program.files[file].path,
                   static_cast<int>(call.site.line), static_cast<int>(call.site.column),
                   fmt::format("{} ({}); what it sends is unknown", model.what,
                               call.calleeText.empty() ? model.id : call.calleeText)});
  }
}

}  // namespace fe
