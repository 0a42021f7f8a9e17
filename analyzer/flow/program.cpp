// Global-id accessors of AppProgram.
#include "flow/program.h"

#include <algorithm>

namespace fe {

std::vector<bool> AppProgram::filesLoadedBy(const std::vector<uint32_t>& roots) const {
  std::vector<bool> seen(files.size(), false);
  std::vector<uint32_t> stack;
  for (uint32_t r : roots)
    if (r < seen.size() && !seen[r]) {
      seen[r] = true;
      stack.push_back(r);
    }
  while (!stack.empty()) {
    uint32_t f = stack.back();
    stack.pop_back();
    if (f >= fileImports.size()) continue;
    for (uint32_t t : fileImports[f])
      if (t < seen.size() && !seen[t]) {
        seen[t] = true;
        stack.push_back(t);
      }
  }
  return seen;
}

static uint32_t fileOf(const std::vector<uint32_t>& bases, uint32_t id) {
  auto it = std::upper_bound(bases.begin(), bases.end(), id);
  return static_cast<uint32_t>(it - bases.begin()) - 1;
}

uint32_t AppProgram::fileOfVar(VarId v) const {
  if (v >= fileVarCount) return linkVarFiles[v - fileVarCount];
  return fileOf(varBase, v);
}

const VarInfo& AppProgram::varInfo(VarId v) const {
  if (v >= fileVarCount) return linkVars[v - fileVarCount];
  uint32_t f = fileOf(varBase, v);
  return files[f].vars[v - varBase[f]];
}

uint32_t AppProgram::fileOfFunction(uint32_t fn) const {
  uint32_t userCount = functionCount - static_cast<uint32_t>(files.size());
  if (fn >= userCount) return fn - userCount;
  return fileOf(functionBase, fn);
}

const FunctionFact* AppProgram::function(uint32_t fn) const {
  uint32_t userCount = functionCount - static_cast<uint32_t>(files.size());
  if (fn >= userCount) return nullptr;
  uint32_t f = fileOf(functionBase, fn);
  return &files[f].functions[fn - functionBase[f]];
}

std::string AppProgram::functionName(uint32_t fn) const {
  const FunctionFact* f = function(fn);
  return f ? f->name : "<module>";
}

uint32_t AppProgram::fileOfCall(uint32_t c) const {
  return fileOf(callBase, c);
}

const CallFact& AppProgram::call(uint32_t c) const {
  uint32_t f = fileOf(callBase, c);
  return files[f].calls[c - callBase[f]];
}

VarId AppProgram::newVar(std::string name, SourceSite site, uint32_t file) {
  linkVars.push_back({std::move(name), site});
  linkVarFiles.push_back(file);
  return fileVarCount + static_cast<VarId>(linkVars.size() - 1);
}

}  // namespace fe
