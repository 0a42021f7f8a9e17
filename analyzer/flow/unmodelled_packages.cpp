#include "flow/unmodelled_packages.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "flow/data_category.h"
#include "flow/entry_reach.h"
#include "index/module_resolver.h"

namespace fe {

namespace {

// The module a library value comes from (`acme-crm/lib/x`), or "" for the solver's pseudo
// roots (`$global`, `$entry`) and Node's `node:` modules.
std::string moduleOf(const FlowSolver& solver, uint32_t token) {
  uint32_t top = token;
  while (solver.token(top).parent != kNone) top = solver.token(top).parent;
  uint32_t root = solver.token(top).root;
  if (root == kNone) return "";
  const std::string& name = solver.roots()[root];
  if (name.empty() || name[0] == '$' || name.rfind("node:", 0) == 0) return "";
  return name;
}

// The categories of customer data that reach v with matching calls and returns.
uint8_t customerData(const FlowSolver& solver, VarId v) {
  uint8_t out = 0;
  uint8_t candidates = solver.deepTaint(v);
  for (int b = 0; b < kCategoryCount; ++b) {
    uint8_t bit = static_cast<uint8_t>(1u << b);
    if (!(candidates & bit)) continue;
    for (VarId carrier : solver.deepCarriers(v, bit))
      if (solver.realizable(carrier, bit)) {
        out |= bit;
        break;
      }
  }
  return out;
}

// The customer data the arguments of a call carry, or 0 when the call is in code that never
// runs (`live`: liveFunctions, computed on first use).
uint8_t liveCallArgumentData(const FlowSolver& solver, uint32_t id, std::vector<uint8_t>& live) {
  const AppProgram& program = solver.program();
  if (live.empty()) live = liveFunctions(solver);
  uint32_t fn = enclosingFunction(program, id);
  if (fn < live.size() && !live[fn]) return 0;
  VarId base = program.varBase[program.fileOfCall(id)];
  uint8_t data = 0;
  for (VarId a : program.call(id).args)
    if (a != kNoVar) data |= customerData(solver, base + a);
  return data;
}

std::string categoryList(uint8_t data) {
  std::string out;
  for (const auto& c : categoryNames(data)) out += (out.empty() ? "" : ", ") + c;
  return out;
}

}  // namespace

void reportUnmodelledPackages(const FlowSolver& solver, const Catalog& catalog, Diagnostics& out) {
  const AppProgram& program = solver.program();
  std::map<std::string, bool> unknown;  // module -> neither it nor its package modelled or pure
  std::map<std::string, bool> reported;
  std::vector<uint8_t> live;
  for (uint32_t id = 0; id < program.callCount; ++id) {
    const CallFact& call = program.call(id);
    if (call.isJsxElement || call.callee == kNoVar || call.bindsThisOnly) continue;
    uint32_t file = program.fileOfCall(id);
    VarId base = program.varBase[file];
    std::string package;
    for (uint32_t t : solver.state(base + call.callee).tokens) {
      if (solver.token(t).kind != TokenKind::Library) continue;
      std::string module = moduleOf(solver, t);
      if (module.empty()) continue;
      std::string p = ModuleResolver::packageName(module);
      if (reported.count(p)) continue;
      auto [it, fresh] = unknown.try_emplace(module, false);
      if (fresh)
        it->second = !catalog.modelsModule(module) && !catalog.modelsModule(p) &&
                     !catalog.isPurePackage(module) && !catalog.isPurePackage(p);
      if (it->second) {
        package = p;
        break;
      }
    }
    if (package.empty()) continue;
    uint8_t data = liveCallArgumentData(solver, id, live);
    if (!data) continue;
    reported[package] = true;
    out.push_back(
        {Severity::Warning, "unmodelled-package", program.files[file].path,
         static_cast<int>(call.site.line), static_cast<int>(call.site.column),
         fmt::format("customer data ({}) reaches '{}' of the package '{}', which the catalog does "
                     "not model: what it sends is not analysed (describe it in .forge-egress.yml "
                     "`sinks`, or list it in `purePackages` if it sends nothing)",
                     categoryList(data), call.calleeText.empty() ? package : call.calleeText,
                     package)});
  }
}

void reportSummarisedSinks(const FlowSolver& solver, Diagnostics& out) {
  // Most apps summarise no network sink: then no call can be one, and the data queries
  // below (a tenth of react-dom's scan) are not needed.
  if (!solver.anySinkSummarised()) return;
  const AppProgram& program = solver.program();
  std::vector<uint32_t> calls = solver.summaryCalls();
  std::sort(calls.begin(), calls.end());
  calls.erase(std::unique(calls.begin(), calls.end()), calls.end());
  std::vector<uint8_t> live;
  for (uint32_t id : calls) {
    const CallFact& call = program.call(id);
    if (call.callee == kNoVar) continue;
    uint32_t file = program.fileOfCall(id);
    uint32_t sink = solver.summarisedSinkReaching(program.varBase[file] + call.callee);
    if (sink == kNone) continue;
    uint8_t data = liveCallArgumentData(solver, id, live);
    if (!data) continue;
    out.push_back(
        {Severity::Warning, "summarised-sink", program.files[file].path,
         static_cast<int>(call.site.line), static_cast<int>(call.site.column),
         fmt::format("customer data ({}) reaches a call through '{}', which may be '{}': it "
                     "reached a variable holding more values than the analysis follows one by "
                     "one, so this network call is not analysed",
                     categoryList(data), call.calleeText, solver.tokenPath(sink))});
  }
}

}  // namespace fe
