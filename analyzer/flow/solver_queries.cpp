// Read-only queries on a solved program (see solver.h): deep taint, carriers,
// call/return-matched reachability and catalog value references.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "flow/solver.h"

namespace fe {

uint32_t FlowSolver::originCall(uint32_t token, int depth) const {
  uint32_t t = token;
  int seen = 0;
  while (t != kNone) {
    if (tokens_[t].creatorCall != kNone && ++seen == depth) return tokens_[t].creatorCall;
    t = tokens_[t].parent;
  }
  return kNone;
}

// Deep taint is "reachable within `depth` fields": deep(v, d) is v's own taint
// and, for d > 0, the deep taint of each object v may hold at d; an object's
// deep taint at d is its intrinsic taint, its fields' deep taint at d - 1 and
// the non-method fields inherited through its prototypes at d - 2. Depth
// strictly decreases, so the recursion is well founded and each (object,
// depth) pair is computed once per generation: linear in the heap, where a
// search per query was quadratic on library code (every argument of every
// library call asks).
uint8_t FlowSolver::deepTaint(VarId v, int depth) const {
  if (v == kNoVar) return 0;
  uint8_t mask = vars_[find(v)].eff;
  if (depth <= 0) return mask;
  for (uint32_t t : vars_[find(v)].tokens) {
    mask |= deepTokenTaint(t, depth);
    if (mask == 0x7f) break;
  }
  return mask;
}

uint8_t FlowSolver::deepTokenTaint(uint32_t t, int depth) const {
  const Token& tok = tokens_[t];
  if (tok.kind == TokenKind::Function || tok.kind == TokenKind::Class) return tok.intrinsic;
  size_t slot = static_cast<size_t>(t) * kDeepDepths + static_cast<size_t>(depth);
  if (deepMemoGen_.size() < (static_cast<size_t>(t) + 1) * kDeepDepths) {
    deepMemoGen_.resize(tokens_.size() * kDeepDepths, 0);
    deepMemo_.resize(tokens_.size() * kDeepDepths, 0);
  }
  if (deepMemoGen_[slot] == deepGeneration_) return deepMemo_[slot];
  // Mark before recursing (depth decreases, so no cycle can reach this slot).
  deepMemoGen_[slot] = deepGeneration_;
  uint8_t mask = tok.intrinsic | tok.below;
  for (const auto& [n, fv] : tok.fields) {
    if (n.rfind("$getter:", 0) == 0) continue;
    mask |= deepTaint(fv, depth - 1);
  }
  // Instance fields set through the prototype chain (not methods).
  if (depth >= 2)
    for (uint32_t fb : tok.fallbacks)
      for (const auto& [n, fv] : tokens_[fb].fields) {
        if (n == "constructor") continue;
        bool method = false;
        for (uint32_t ft : vars_[find(fv)].tokens)
          method = method || tokens_[ft].kind == TokenKind::Function;
        if (!method) mask |= deepTaint(fv, depth - 2);
      }
  deepMemo_[slot] = mask;
  return mask;
}

VarId FlowSolver::deepCarrier(VarId v, uint8_t bit, int depth) const {
  std::vector<VarId> carriers = deepCarriers(v, bit, depth);
  return carriers.empty() ? kNoVar : carriers.front();
}

std::vector<VarId> FlowSolver::deepCarriers(VarId v, uint8_t bit, int depth) const {
  std::vector<VarId> out;
  std::vector<std::pair<VarId, int>> stack{{v, depth}};
  std::unordered_set<VarId> seen;
  while (!stack.empty() && out.size() < 64 && seen.size() < 4096) {
    auto [cur, d] = stack.back();
    stack.pop_back();
    if (cur == kNoVar || !seen.insert(cur).second) continue;
    if (vars_[find(cur)].eff & bit) out.push_back(cur);
    if (d <= 0) continue;
    for (uint32_t t : vars_[find(cur)].tokens) {
      if (tokens_[t].kind == TokenKind::Function || tokens_[t].kind == TokenKind::Class) continue;
      for (const auto& [n, fv] : tokens_[t].fields) stack.emplace_back(fv, d - 1);
    }
  }
  return out;
}

void FlowSolver::buildPredecessors() const {
  if (!preds_.empty()) return;
  preds_.resize(vars_.size());
  for (VarId v = 0; v < succ_.size(); ++v)
    for (const Edge& e : succ_[v]) preds_[e.to].push_back({v, e.kind, e.call, e.dir});
  // A merged variable and its representative hold the same: a path may pass either way.
  for (auto [member, rep] : merged_) {
    preds_[member].push_back({rep, EdgeKind::Value, kNone, 0});
    preds_[rep].push_back({member, EdgeKind::Value, kNone, 0});
  }
  for (auto [from, to, call, dir] : implicitPreds_)
    preds_[to].push_back({from, EdgeKind::TaintOnly, call, dir});
  for (uint32_t i = 0; i < deepTaintEdges_.size(); ++i)
    deepInto_[deepTaintEdges_[i].to].push_back(i);
  frameOwner_.assign(vars_.size(), kNone);
  for (uint32_t fn = 0; fn < program_.functionCount; ++fn) {
    const FunctionFact* f = program_.function(fn);
    if (!f) continue;
    VarId vb = program_.varBase[program_.fileOfFunction(fn)];
    auto own = [&](VarId local) {
      if (local != kNoVar && vb + local < frameOwner_.size()) frameOwner_[vb + local] = fn;
    };
    for (VarId p : f->params) own(p);
    own(f->returnVar);
    own(f->argumentsElements);
    if (!f->isArrow) own(f->thisVar);  // an arrow's `this` is its enclosing function's
  }
}

bool FlowSolver::nestedIn(uint32_t inner, uint32_t outer) const {
  if (inner >= program_.functionCount || outer >= program_.functionCount) return false;
  uint32_t file = program_.fileOfFunction(inner);
  if (inner == outer || file != program_.fileOfFunction(outer)) return false;
  uint32_t base = program_.functionBase[file];
  const FunctionFact* f = program_.function(inner);
  for (int hops = 0; f && f->parent != kTopLevel && hops < 4096; ++hops) {
    if (base + f->parent == outer) return true;
    f = program_.function(base + f->parent);
  }
  return false;
}

bool FlowSolver::realizable(VarId v, uint8_t bit, const PathFilter& filter) const {
  return searchRealizable(v, bit, filter, -1);
}

bool FlowSolver::searchRealizable(VarId v, uint8_t bit, const PathFilter& filter,
                                  int objectDepth) const {
  if (v == kNoVar || !(vars_[find(v)].eff & bit)) return false;
  buildPredecessors();
  // A frame entered backwards through a return: the call, and the function it called.
  struct Frame {
    uint32_t call;
    uint32_t callee;
  };
  struct State {
    VarId var;
    std::vector<Frame> stack;  // calls whose return we came back through
  };
  constexpr size_t kMaxDepth = 8;
  constexpr size_t kBudget = 200000;
  std::vector<State> work{{v, {}}};
  std::unordered_set<std::string> seen;
  size_t steps = 0;
  while (!work.empty()) {
    if (++steps > kBudget) return true;  // out of budget: stay sound
    State st = std::move(work.back());
    work.pop_back();
    if (st.var < born_.size() && (born_[st.var] & bit)) return true;
    // Key: the variable and the call stack, as raw bytes.
    std::string key(reinterpret_cast<const char*>(&st.var), sizeof(st.var));
    if (!st.stack.empty())
      key.append(reinterpret_cast<const char*>(st.stack.data()), st.stack.size() * sizeof(Frame));
    if (!seen.insert(key).second) continue;
    if (objectDepth >= 0) {
      // Made from an object's fields: the data of the objects that reached the argument.
      auto deep = deepInto_.find(st.var);
      if (deep != deepInto_.end())
        for (uint32_t i : deep->second) {
          const DeepTaintEdge& d = deepTaintEdges_[i];
          if (filter.blocks(d.call, 0)) continue;
          if (objectDepth == 0) return true;  // nested too deep: stay sound
          if (carrierThroughObjects(d.from, bit, filter, objectDepth - 1) != kNoVar) return true;
        }
    }
    for (const PredEdge& p : preds_[st.var]) {
      if (p.dir == kDeepField && objectDepth >= 0) continue;  // followed above
      const VarState& from = vars_[find(p.from)];
      bool carries =
          p.kind == EdgeKind::BaseTaint ? (from.taint & bit) != 0 : (from.eff & bit) != 0;
      if (!carries) continue;
      // A split by caller closes the other callers' arguments only where the path leaves the
      // activation it started in (no call to come back into): inside an activation entered
      // through a return, `post(B, await post(A, x))`, the arguments are that call's own.
      if (filter.blocks(p.call, p.dir) && (!filter.entriesOnly || st.stack.empty())) continue;
      if (objectDepth >= 0) {
        // Following one caller: a value that went through the heap, a closure's variable or a
        // library's state may come from any activation of the helper. Say yes (stay sound).
        if (p.dir == kLeavesClosure || libraryFieldVars_.count(st.var)) return true;
        const std::vector<bool>& heap = fieldVars();
        if (find(p.from) < heap.size() && heap[find(p.from)]) return true;
      }
      if (p.dir == kFromCallee && filter.calleeEdges && filter.calleeEdges->count(p.call)) continue;
      State next{p.from, st.stack};
      if (p.dir == kLeavesClosure || libraryFieldVars_.count(st.var) ||
          (p.dir == 0 && isHeap(st.var))) {
        // Left a closure by a side effect, written into a library's state or into an
        // object's field (objects are not told apart by the activation that wrote them): any
        // caller may have entered the writer.
        next.stack.clear();
      } else if (p.dir == 2) {
        // Backwards through a return: remember the call to come back into it.
        if (next.stack.size() < kMaxDepth)
          next.stack.push_back({p.call, p.from < frameOwner_.size() ? frameOwner_[p.from] : kNone});
        else
          next.stack.clear();  // too deep: forget, and accept any caller
      } else if (p.dir == 1 && !next.stack.empty()) {
        // Backwards through an argument: only the call we came out of. Where we came out of
        // a closure of this function (a callback that reads the function's parameter), the
        // closure's frame and those between are left: the parameter is the enclosing
        // activation's, entered by the call below them, or by any call when none is.
        uint32_t owner = st.var < frameOwner_.size() ? frameOwner_[st.var] : kNone;
        if (owner != kNone && next.stack.back().callee != owner &&
            nestedIn(next.stack.back().callee, owner)) {
          while (!next.stack.empty() && next.stack.back().callee != owner) next.stack.pop_back();
        }
        if (!next.stack.empty()) {
          if (next.stack.back().call != p.call) continue;
          next.stack.pop_back();
        }
      }
      work.push_back(std::move(next));
    }
  }
  return false;
}

bool FlowSolver::mayBeAnyValue(VarId v) const {
  const VarState& st = vars_[find(v)];
  if (st.wholeData && st.taint) return true;
  for (uint32_t t : st.tokens)
    if (tokens_[t].kind == TokenKind::Library && tokens_[t].intrinsic != 0 && !tokens_[t].siteUrl)
      return true;
  return false;
}

StringOrigin FlowSolver::dataOrigin(VarId v) const {
  uint8_t eff = v == kNoVar ? 0 : vars_[find(v)].eff;
  return (eff & (kUserInput | kWebtriggerRequest)) ? StringOrigin::UserInput
         : (eff & kAppStorage)                     ? StringOrigin::Storage
                                                   : StringOrigin::Unknown;
}

bool FlowSolver::isUrlObject(uint32_t t) const {
  const Token& tok = tokens_[t];
  if (tok.kind != TokenKind::Library || tok.segment != "()" || tok.parent == kNone) return false;
  uint32_t summary = tokens_[tok.parent].summary;
  return summary != kNone && catalog_.summaries[summary].urlObject;
}

// `owner.…` and `module.…`: a path below a library value that the app configured by
// assignment (`axios.defaults.baseURL = url`, `client.defaults.headers.common[k] = v`). Each
// step is a member of the library value or a field the app stored on it; the last names a
// field variable, or with `.deep`/`.fields` every field of what the path reached and of the
// members below it (`owner.defaults.headers.deep`: `headers.common[k]` too).
uint32_t FlowSolver::memberRefStart(const ValueRef& ref, uint32_t calleeToken) const {
  if (calleeToken == kNone || tokens_[calleeToken].kind != TokenKind::Library) return kNone;
  uint32_t start = calleeToken;
  if (ref.base == ValueRef::Base::Module) {
    while (tokens_[start].parent != kNone) start = tokens_[start].parent;
  } else if (!tokens_[start].path.empty() && tokens_[start].segment != "()" &&
             tokens_[start].parent != kNone) {
    start = tokens_[start].parent;  // `axios.get`: the method's owner, `axios`
  }
  return start;
}

std::vector<VarId> FlowSolver::memberRef(const ValueRef& ref, uint32_t calleeToken) const {
  std::vector<VarId> out;
  uint32_t start = memberRefStart(ref, calleeToken);
  if (start == kNone) return out;
  // Members the solver made, without making new ones (this is a read-only query).
  auto member = [&](uint32_t t, const std::string& name) {
    auto it = libraryIndex_.find(std::to_string(t) + "\x1f" + name + "\x1f");
    return it == libraryIndex_.end() ? kNone : it->second;
  };
  bool wholeTail = ref.deep || ref.allFields;
  std::vector<uint32_t> toks{start};
  for (size_t i = 0; i < ref.fields.size(); ++i) {
    const std::string& f = ref.fields[i];
    if (i + 1 == ref.fields.size() && !wholeTail) {
      for (uint32_t t : toks)
        if (VarId fv = fieldOf(t, f); fv != kNoVar) out.push_back(fv);
      break;
    }
    std::vector<uint32_t> next;
    for (uint32_t t : toks) {
      if (uint32_t m = member(t, f); m != kNone) next.push_back(m);
      if (VarId fv = fieldOf(t, f); fv != kNoVar)
        for (uint32_t ft : vars_[find(fv)].tokens) next.push_back(ft);
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    toks = std::move(next);
  }
  if (wholeTail) {
    // The fields of what the path reached, and of its members one level down
    // (`headers.common`, `headers.post`): where axios keeps per-method headers.
    std::vector<uint32_t> all = toks;
    for (uint32_t t : toks) {
      std::string prefix = std::to_string(t) + "\x1f";
      for (auto it = libraryIndex_.lower_bound(prefix);
           it != libraryIndex_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        all.push_back(it->second);
    }
    for (uint32_t t : all)
      for (const auto& [name, fv] : tokens_[t].fields) out.push_back(fv);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<VarId> FlowSolver::resolveRef(const ValueRef& ref, uint32_t callId,
                                          uint32_t calleeToken, uint32_t callbackArgs) const {
  std::vector<VarId> out;
  const CallFact& c = program_.call(callId);
  VarId vb = program_.varBase[program_.fileOfCall(callId)];
  std::vector<VarId> bases;
  // `f(...args)`: a spread argument at or before the index stands for its elements.
  auto elementsOf = [&](VarId a) {
    for (uint32_t t : vars_[find(a)].tokens) {
      VarId e = fieldOf(t, "[]");
      if (e != kNoVar) bases.push_back(e);
    }
  };
  const std::vector<VarId>* given = callbackArgs == kNone ? nullptr : &callbackArgs_[callbackArgs];
  switch (ref.base) {
    case ValueRef::Base::Arg: {
      if (given) {
        if (ref.index < static_cast<int>(given->size()) && (*given)[ref.index] != kNoVar)
          bases.push_back((*given)[ref.index]);
        break;
      }
      bool spread = false;
      for (size_t j = 0; j < c.args.size() && j <= static_cast<size_t>(ref.index) && j < 32; ++j)
        if ((c.spreadMask & (1u << j)) && c.args[j] != kNoVar) {
          elementsOf(vb + c.args[j]);
          spread = true;
        }
      if (!spread && ref.index < static_cast<int>(c.args.size()) && c.args[ref.index] != kNoVar)
        bases.push_back(vb + c.args[ref.index]);
      break;
    }
    case ValueRef::Base::Args:
      if (given) {
        for (VarId a : *given)
          if (a != kNoVar) bases.push_back(a);
        break;
      }
      for (size_t j = 0; j < c.args.size(); ++j) {
        if (c.args[j] == kNoVar) continue;
        if (j < 32 && (c.spreadMask & (1u << j))) elementsOf(vb + c.args[j]);
        bases.push_back(vb + c.args[j]);
      }
      break;
    case ValueRef::Base::Receiver:
      if (c.receiver != kNoVar) bases.push_back(vb + c.receiver);
      break;
    case ValueRef::Base::Origin: {
      uint32_t oc = originCall(calleeToken, ref.originDepth);
      if (oc == kNone) break;
      const CallFact& o = program_.call(oc);
      VarId ovb = program_.varBase[program_.fileOfCall(oc)];
      if (ref.index < 0) {
        if (o.result != kNoVar) bases.push_back(ovb + o.result);
      } else if (ref.index < static_cast<int>(o.args.size()) && o.args[ref.index] != kNoVar) {
        bases.push_back(ovb + o.args[ref.index]);
      }
      break;
    }
    case ValueRef::Base::Owner:
    case ValueRef::Base::Module:
      return memberRef(ref, calleeToken);
    default:
      break;
  }
  for (const auto& f : ref.fields) {
    std::vector<VarId> next;
    for (VarId b : bases)
      for (uint32_t t : vars_[find(b)].tokens) {
        VarId fv = fieldOf(t, f);
        if (fv != kNoVar) next.push_back(fv);
        for (uint32_t fb : tokens_[t].fallbacks) {
          VarId pv = fieldOf(fb, f);
          if (pv != kNoVar) next.push_back(pv);
        }
      }
    bases = std::move(next);
  }
  std::sort(bases.begin(), bases.end());
  bases.erase(std::unique(bases.begin(), bases.end()), bases.end());
  return bases;
}

}  // namespace fe
