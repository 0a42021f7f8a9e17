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
  std::vector<VarId> work{v};
  std::unordered_set<VarId> seen;
  while (!work.empty()) {
    if (seen.size() > kBudget) return true;  // out of budget: stay sound
    VarId cur = work.back();
    work.pop_back();
    if (!seen.insert(cur).second) continue;
    bool origin = true;
    for (const PredEdge& p : preds_[cur]) {
      if (p.kind != EdgeKind::Value && p.kind != EdgeKind::PartTaint) continue;
      if (vars_[find(p.from)].strings == StringSetPool::kEmpty) continue;
      origin = false;  // its strings came along this edge, whether or not the filter allows it
      if (p.call != kNone && filter.calls && filter.calls->count(p.call)) continue;
      work.push_back(p.from);
    }
    if (origin && mentions(cur)) return true;
  }
  return false;
}

bool FlowSolver::tokenOriginReaches(VarId v, uint32_t token, const PathFilter& filter) const {
  auto holds = [&](VarId x) {
    const SmallIdVector& toks = vars_[find(x)].tokens;
    return std::binary_search(toks.begin(), toks.end(), token);
  };
  if (v == kNoVar || !holds(v)) return false;
  buildPredecessors();
  constexpr size_t kBudget = 50000;
  std::vector<VarId> work{v};
  std::unordered_set<VarId> seen;
  while (!work.empty()) {
    if (seen.size() > kBudget) return true;  // out of budget: stay sound
    VarId cur = work.back();
    work.pop_back();
    if (!seen.insert(cur).second) continue;
    bool origin = true;
    for (const PredEdge& p : preds_[cur]) {
      if (p.kind != EdgeKind::Value || !holds(p.from)) continue;
      origin = false;
      if (p.call != kNone && filter.calls && filter.calls->count(p.call)) continue;
      work.push_back(p.from);
    }
    if (origin) return true;
  }
  return false;
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
      if (tok.fields.empty() || !tokenOriginReaches(cur, t, filter)) continue;
      for (const auto& [name, fv] : tok.fields) stack.emplace_back(fv, fieldDepth - 1);
    }
  }
  return kNoVar;
}

}  // namespace fe
