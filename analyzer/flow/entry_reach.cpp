// Entry points reaching each function (see entry_reach.h): one walk of the
// call graph per entry point.
#include "flow/entry_reach.h"

#include <algorithm>

namespace fe {

namespace {
// The top-level code of a file and of every file it imports, transitively: module code
// runs when the bundle or page that holds it loads.
std::vector<uint32_t> loadedTopLevels(const AppProgram& p, uint32_t file) {
  std::vector<uint32_t> out;
  std::vector<bool> loaded = p.filesLoadedBy({file});
  for (uint32_t f = 0; f < loaded.size(); ++f)
    if (loaded[f]) out.push_back(p.topLevelFunction(f));
  return out;
}
}  // namespace

std::vector<std::vector<std::string>> entriesReaching(const FlowSolver& solver) {
  const AppProgram& p = solver.program();
  std::vector<std::vector<std::string>> reachedBy(p.functionCount);
  // Each entry's function and what it calls. The module code of its file and of what that
  // imports runs when its bundle loads: reached too, but not what that code calls, which
  // includes every callback it registers (`resolver.define('other', …)` is not this entry).
  // A frontend page runs its start files' module code, and everything that code calls or
  // hands to the page's libraries (event handlers run when the user acts on the page).
  std::vector<std::pair<std::string, std::vector<uint32_t>>> starts;
  auto entries = solver.entryFunctions();
  std::sort(entries.begin(), entries.end());
  for (const auto& [fn, name] : entries) {
    starts.emplace_back(name, std::vector<uint32_t>{fn});
    for (uint32_t t : loadedTopLevels(p, p.fileOfFunction(fn))) {
      auto& names = reachedBy[t];
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  // A page's start file may only export its component (the build's own entry renders it):
  // the functions it exports run in the page too.
  for (const auto& [file, name] : p.frontendEntries) {
    if (file >= p.files.size()) continue;
    std::vector<uint32_t> from = loadedTopLevels(p, file);
    for (const auto& ex : p.files[file].exports) {
      if (ex.source == kNoVar) continue;  // `export const n = 1`: nothing to run
      for (uint32_t t : solver.state(p.varBase[file] + ex.source).tokens)
        if (solver.token(t).kind == TokenKind::Function && solver.token(t).index < p.functionCount)
          from.push_back(solver.token(t).index);
    }
    starts.emplace_back(name, std::move(from));
  }
  for (const auto& [name, from] : starts) {
    std::vector<uint32_t> stack;
    std::vector<uint8_t> seen(solver.callGraph().size(), 0);
    for (uint32_t f : from)
      if (f < seen.size() && !seen[f]) {
        seen[f] = 1;
        stack.push_back(f);
      }
    while (!stack.empty()) {
      uint32_t f = stack.back();
      stack.pop_back();
      if (f < reachedBy.size()) {  // not the summarised functions' node
        auto& names = reachedBy[f];
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      }
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

// Functions that may run: reachable in the call graph from the code the runtime starts (the
// entry points and every module's top level; a callback handed to a library is an edge from
// the function that handed it). A function nothing reaches (lodash's `template` in a bundle
// whose code never calls it) runs no code.
std::vector<uint8_t> liveFunctions(const FlowSolver& solver) {
  const AppProgram& p = solver.program();
  // Sized to the program's functions: the summarised functions' node (the call graph's last)
  // is not followed. Every caller of the summary reaches every summarised function there, so
  // through it lodash's unused `template` (new Function) would count as running.
  std::vector<uint8_t> live(p.functionCount, 0);
  std::vector<uint32_t> stack;
  auto reach = [&](uint32_t f) {
    if (f < live.size() && !live[f]) {
      live[f] = 1;
      stack.push_back(f);
    }
  };
  for (const auto& e : solver.entryFunctions()) reach(e.first);
  for (uint32_t file = 0; file < p.files.size(); ++file) reach(p.topLevelFunction(file));
  while (!stack.empty()) {
    uint32_t f = stack.back();
    stack.pop_back();
    for (uint32_t g : solver.callGraph()[f]) reach(g);
  }
  return live;
}

}  // namespace fe
