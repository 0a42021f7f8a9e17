// Read-only queries that follow one caller's paths (caller_split.cpp): where a URL's host
// strings come from, whether an object reached a variable, and realizable() through the
// objects a value is made of. Each takes a PathFilter whose calls a path may not pass.
#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_set>
#include <vector>

#include "flow/solver.h"

namespace fe {

bool FlowSolver::stringOriginMentions(VarId v, const std::string& text,
                                      const PathFilter& filter) const {
  if (v == kNoVar) return false;
  buildPredecessors();
  constexpr size_t kBudget = 50000;  // variables visited; a URL's slice is a few dozen
  auto mentions = [&](VarId x) {
    for (const AbstractString& sv : strings(x).values()) {
      if (sv.kind == StringKind::Unknown) continue;
      std::string known = sv.text + "\x1f" + sv.tail;
      std::transform(known.begin(), known.end(), known.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      if (known.find(text) != std::string::npos) return true;
    }
    return false;
  };
  // Variable, and whether the path went back into a blocked caller's activation through its
  // return (where that call's arguments are its own, not a way out of ours).
  std::vector<std::pair<VarId, bool>> work{{v, false}};
  std::unordered_set<uint64_t> seen;
  while (!work.empty()) {
    if (seen.size() > kBudget) return true;  // out of budget: stay sound
    auto [cur, inside] = work.back();
    work.pop_back();
    if (!seen.insert((uint64_t{cur} << 1) | (inside ? 1u : 0u)).second) continue;
    bool origin = true;
    for (const PredEdge& p : preds_[cur]) {
      if (p.kind != EdgeKind::Value && p.kind != EdgeKind::PartTaint) continue;
      if (vars_[find(p.from)].strings == StringSetPool::kEmpty) continue;
      origin = false;  // its strings came along this edge, whether or not the filter allows it
      if (!inside && filter.blocks(p.call, p.dir)) continue;
      work.push_back(
          {p.from, inside || (p.dir == 2 && filter.calls && filter.calls->count(p.call))});
    }
    if (origin && mentions(cur)) return true;
  }
  return false;
}

int FlowSolver::tokenOriginReaches(VarId v, uint32_t token, const PathFilter& filter) const {
  auto holds = [&](VarId x) {
    const SmallIdVector& toks = vars_[find(x)].tokens;
    return std::binary_search(toks.begin(), toks.end(), token);
  };
  if (v == kNoVar || !holds(v)) return 0;
  buildPredecessors();
  constexpr size_t kBudget = 50000;
  // Variable, came in through `via`, went back into a blocked caller's activation (as above).
  struct Item {
    VarId var;
    bool via, inside;
  };
  std::vector<Item> work{{v, false, false}};
  std::unordered_set<uint64_t> seen;
  int found = 0;
  while (!work.empty()) {
    if (seen.size() > kBudget) return found ? found : 1;  // out of budget: stay sound
    Item it = work.back();
    work.pop_back();
    if (!seen.insert((uint64_t{it.var} << 2) | (it.via ? 1u : 0u) | (it.inside ? 2u : 0u)).second)
      continue;
    VarId cur = it.var;
    bool via = it.via;
    bool origin = true;
    for (const PredEdge& p : preds_[cur]) {
      if (p.kind != EdgeKind::Value || !holds(p.from)) continue;
      origin = false;
      if (!it.inside && filter.blocks(p.call, p.dir)) continue;
      work.push_back({p.from, via || (p.dir == 1 && p.call == filter.via),
                      it.inside || (p.dir == 2 && filter.calls && filter.calls->count(p.call))});
    }
    if (origin) {
      if (via) return 2;
      found = 1;
    }
  }
  return found;
}

const std::vector<bool>& FlowSolver::fieldVars() const {
  if (fieldVars_.size() == vars_.size()) return fieldVars_;
  fieldVars_.assign(vars_.size(), false);
  for (const Token& t : tokens_) {
    for (const auto& [name, fv] : t.fields) fieldVars_[find(fv)] = true;
    if (t.allFields != kNoVar) fieldVars_[find(t.allFields)] = true;
  }
  return fieldVars_;
}

bool FlowSolver::realizableThroughObjects(VarId v, uint8_t bit, const PathFilter& filter,
                                          int depth) const {
  buildPredecessors();
  return searchRealizable(v, bit, filter, depth);
}

VarId FlowSolver::carrierThroughObjects(VarId v, uint8_t bit, const PathFilter& filter,
                                        int depth) const {
  buildPredecessors();
  std::vector<std::pair<VarId, int>> stack{{v, kDeepTaintDepth}};
  std::unordered_set<VarId> seen;
  while (!stack.empty() && seen.size() < 4096) {
    auto [cur, fieldDepth] = stack.back();
    stack.pop_back();
    if (cur == kNoVar || !seen.insert(cur).second) continue;
    const VarState& st = vars_[find(cur)];
    if ((st.eff & bit) && searchRealizable(cur, bit, filter, depth)) return cur;
    if (fieldDepth <= 0) continue;
    for (uint32_t t : st.tokens) {
      const Token& tok = tokens_[t];
      if (tok.kind == TokenKind::Function || tok.kind == TokenKind::Class) continue;
      if (tok.fields.empty()) continue;
      int reach = tokenOriginReaches(cur, t, filter);
      if (reach == 0) continue;
      // Fields count per caller only on an object of this call: made by the helper's own
      // activation, or by the caller for it and passed in. Any other object (module state,
      // `this`, a library's value) may have been written by another activation: if its
      // fields carry the category, say yes (stay sound).
      bool own =
          filter.invocation && std::find(filter.invocation->begin(), filter.invocation->end(),
                                         tok.allocFunction) != filter.invocation->end();
      bool passedIn = reach == 2 && filter.via != kNone && tok.allocFunction != kNone &&
                      tok.allocFunction == callerFunction(filter.via);
      if (!own && !passedIn) {
        if (deepTokenTaint(t, fieldDepth) & bit) return cur;
        continue;
      }
      for (const auto& [name, fv] : tok.fields) stack.emplace_back(fv, fieldDepth - 1);
    }
  }
  return stack.empty() ? kNoVar : v;  // out of budget: stay sound
}

}  // namespace fe
