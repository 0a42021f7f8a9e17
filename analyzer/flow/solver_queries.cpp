// Read-only queries on a solved program (see solver.h): deep taint, carriers,
// call/return-matched reachability and catalog value references.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
  size_t slot = deepMemo_.slot(t, depth, tokens_.size());
  if (deepMemo_.generation[slot] == deepGeneration_) return deepMemo_.value[slot];
  // Mark before recursing (depth decreases, so no cycle can reach this slot).
  deepMemo_.generation[slot] = deepGeneration_;
  uint8_t mask = tok.intrinsic | tok.below;
  for (const auto& [n, fv] : tok.fields) {
    if (n.rfind("$getter:", 0) == 0) continue;
    mask |= deepTaint(fv, depth - 1);
  }
  // Instance fields set through the prototype chain (not methods).
  if (depth >= 2)
    for (uint32_t fb : tok.fallbacks) mask |= prototypeFieldTaint(fb, depth - 2);
  deepMemo_.value[slot] = mask;
  return mask;
}

// The deep taint at `depth` of a prototype's fields that are not methods, which every object
// inheriting from it shares: memoised like deepTokenTaint, so that a class with thousands of
// instances (an ES5 bundle's `__extends`) has its prototype walked once per depth, not once
// per instance and depth.
uint8_t FlowSolver::prototypeFieldTaint(uint32_t proto, int depth) const {
  size_t slot = protoMemo_.slot(proto, depth, tokens_.size());
  if (protoMemo_.generation[slot] == deepGeneration_) return protoMemo_.value[slot];
  // Marked before the walk: what it reaches asks for prototypes two depths lower only.
  protoMemo_.generation[slot] = deepGeneration_;
  uint8_t mask = 0;
  for (const auto& [n, fv] : tokens_[proto].fields) {
    if (n == "constructor") continue;
    bool method = false;
    for (uint32_t ft : vars_[find(fv)].tokens)
      method = method || tokens_[ft].kind == TokenKind::Function;
    if (!method) mask |= deepTaint(fv, depth);
  }
  protoMemo_.value[slot] = mask;
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

// Backward search for a path from where `bit` is born to v whose calls and returns match
// (CFL reachability), by tabulation (Reps, Horwitz and Sagiv, POPL 1995). A function entered
// backwards through a return is a context, named by the variable entered (its return): it
// is explored once, whatever the calls below it, and what leaves it through its parameters
// (its exits) is applied to every call that entered it. A stack per path instead was
// exponential in the nesting of shared helpers (five callers, eight levels: 390 k stacks
// per query, and a query per sink).
bool FlowSolver::searchRealizable(VarId v, uint8_t bit, const PathFilter& filter,
                                  int objectDepth) const {
  if (v == kNoVar || !(vars_[find(v)].eff & bit)) return false;
  buildPredecessors();
  constexpr VarId kOutside = kNoVar;  // the context with no call to come back into
  constexpr size_t kBudget = 200000;  // states and exits per query; out of it, yes (sound)
  const bool deepMode = objectDepth >= 0;
  struct Context {
    uint32_t callee = kNone;
    struct Entry {
      VarId from;      // the context the call was in
      uint32_t call;   // the call
      uint64_t state;  // the state that entered (for the path back, memo below)
    };
    std::vector<Entry> entries;
    std::vector<std::pair<VarId, uint32_t>> matchExits;  // (argument, call): back to that call
    std::vector<VarId> popExits;  // a parameter of a function around the callee
    std::unordered_set<uint64_t> entryKeys, matchKeys;
    std::unordered_set<VarId> popKeys;
  };
  std::unordered_map<VarId, Context> contexts;
  std::unordered_set<uint64_t> seen;
  std::vector<std::pair<VarId, VarId>> work;  // (context, variable), first in first out
  size_t head = 0;
  size_t steps = 0;
  bool found = false;
  // With no filter, what a query learns outside any context holds for every later query:
  // a variable on the path found reaches the category, and when none is found, no variable
  // the search met does. Breadth first, so a query stops at the nearest one already known.
  const bool memo = objectDepth < 0 && !filter.calls && !filter.calleeEdges;
  if (memo && realizableKnown_.size() < vars_.size()) realizableKnown_.resize(vars_.size(), 0);
  std::unordered_map<uint64_t, uint64_t> parentOf;  // state -> the state it was reached from
  uint64_t current = ~uint64_t{0};
  auto keyOf = [](VarId ctx, VarId var) { return (uint64_t{ctx} << 32) | var; };
  auto push = [&](VarId ctx, VarId var, uint64_t parent) {
    uint64_t key = keyOf(ctx, var);
    if (!seen.insert(key).second) return;
    work.emplace_back(ctx, var);
    if (memo) parentOf.emplace(key, parent);
  };
  // Found from state `from`: every variable outside a context on its way back to v reaches
  // the category.
  auto learnFound = [&](uint64_t from) {
    for (size_t hops = 0; memo && from != ~uint64_t{0} && hops < seen.size() + 1; ++hops) {
      if ((from >> 32) == kOutside) realizableKnown_[static_cast<VarId>(from)] |= bit;
      auto it = parentOf.find(from);
      from = it == parentOf.end() ? ~uint64_t{0} : it->second;
    }
  };
  // 0: not followed; 1: followed; 2: stop, yes. `outside`: no call to come back into.
  auto admits = [&](VarId var, const PredEdge& p, bool outside) -> int {
    if (p.dir == kDeepField && deepMode) return 0;  // followed by the deep-taint step
    const VarState& from = vars_[find(p.from)];
    bool carries = p.kind == EdgeKind::BaseTaint ? (from.taint & bit) != 0 : (from.eff & bit) != 0;
    if (!carries) return 0;
    // A split by caller closes the other callers' arguments only where the path leaves the
    // activation it started in (no call to come back into): inside an activation entered
    // through a return, `post(B, await post(A, x))`, the arguments are that call's own.
    if (filter.blocks(p.call, p.dir) && (!filter.entriesOnly || outside)) return 0;
    if (deepMode) {
      // Following one caller: a value that went through the heap, a closure's variable or a
      // library's state may come from any activation of the helper. Say yes (stay sound).
      if (p.dir == kLeavesClosure || libraryFieldVars_.count(var)) return 2;
      const std::vector<bool>& heap = fieldVars();
      if (find(p.from) < heap.size() && heap[find(p.from)]) return 2;
    }
    if (p.dir == kFromCallee && filter.calleeEdges && filter.calleeEdges->count(p.call)) return 0;
    return 1;
  };
  // Pops waiting to be resolved: (context, q), q a parameter whose activation is below the
  // context's frame (a worklist, not recursion: the chain of contexts may be long).
  struct Pop {
    VarId ctx, q;
    uint64_t parent;  // the state that entered the context popped
  };
  std::vector<Pop> pops;
  // The context leaves through `arg`, an argument of `call`: each entry by that call goes on
  // there, in the context it came from.
  auto addMatchExit = [&](VarId ctx, VarId arg, uint32_t call) {
    Context& c = contexts[ctx];
    if (!c.matchKeys.insert((uint64_t{arg} << 32) | call).second) return;
    c.matchExits.emplace_back(arg, call);
    for (const auto& e : c.entries)
      if (e.call == call) push(e.from, arg, e.state);
  };
  // The context reached q, a parameter of a function its callee is written inside: the
  // activation of q is further down the stack, so each entry looks for it in turn.
  auto addPopExit = [&](VarId ctx, VarId q) {
    Context& c = contexts[ctx];
    if (!c.popKeys.insert(q).second) return;
    c.popExits.push_back(q);
    for (const auto& e : c.entries) pops.push_back({e.from, q, e.state});
  };
  // q's activation, looked for from context ctx: the callee's own (match its entering call)
  // or below it (leave this context too); with no call to come back into, any caller's.
  auto resolvePop = [&](VarId ctx, VarId q, uint64_t parent) {
    uint32_t owner = q < frameOwner_.size() ? frameOwner_[q] : kNone;
    bool own = ctx != kOutside && contexts[ctx].callee == owner;
    for (const PredEdge& p : preds_[q]) {
      if (p.dir != 1) continue;
      int a = admits(q, p, false);  // the edge was met inside a context
      if (a == 2) found = true;
      if (a != 1) continue;
      if (ctx == kOutside)
        push(kOutside, p.from, parent);
      else if (own)
        addMatchExit(ctx, p.from, p.call);
    }
    if (ctx != kOutside && !own) addPopExit(ctx, q);
  };
  push(kOutside, v, ~uint64_t{0});
  while ((head < work.size() || !pops.empty()) && !found) {
    if (++steps > kBudget) return true;  // out of budget: stay sound
    if (!pops.empty()) {
      Pop pop = pops.back();
      pops.pop_back();
      resolvePop(pop.ctx, pop.q, pop.parent);
      continue;
    }
    auto [ctx, var] = work[head++];
    current = keyOf(ctx, var);
    if (memo && ctx == kOutside) {
      if (realizableKnown_[var] & (uint16_t{bit} << 8)) continue;  // known: no path
      if (realizableKnown_[var] & bit) {
        learnFound(current);
        return true;
      }
    }
    if (var < born_.size() && (born_[var] & bit)) {
      learnFound(current);
      return true;
    }
    if (deepMode) {
      // Made from an object's fields: the data of the objects that reached the argument.
      auto deep = deepInto_.find(var);
      if (deep != deepInto_.end())
        for (uint32_t i : deep->second) {
          const DeepTaintEdge& d = deepTaintEdges_[i];
          if (filter.blocks(d.call, 0)) continue;
          if (objectDepth == 0) return true;  // nested too deep: stay sound
          if (carrierThroughObjects(d.from, bit, filter, objectDepth - 1) != kNoVar) return true;
        }
    }
    const bool outside = ctx == kOutside;
    bool popped = false;
    for (const PredEdge& p : preds_[var]) {
      int a = admits(var, p, outside);
      if (a == 2) return true;
      if (a != 1) continue;
      if (p.dir == kLeavesClosure || libraryFieldVars_.count(var) || (p.dir == 0 && isHeap(var))) {
        // Left a closure by a side effect, written into a library's state or into an
        // object's field (objects are not told apart by the activation that wrote them): any
        // caller may have entered the writer.
        push(kOutside, p.from, current);
      } else if (p.dir == 2) {
        // Backwards through a return: the callee's variable is a context of its own, entered
        // by this call from this context; what already leaves it comes back here.
        Context& c = contexts[p.from];
        c.callee = p.from < frameOwner_.size() ? frameOwner_[p.from] : kNone;
        if (!c.entryKeys.insert((uint64_t{ctx} << 32) | p.call).second) continue;
        c.entries.push_back({ctx, p.call, current});
        push(p.from, p.from, current);
        for (const auto& [arg, call] : c.matchExits)
          if (call == p.call) push(ctx, arg, current);
        for (VarId q : c.popExits) pops.push_back({ctx, q, current});
      } else if (p.dir == 1 && !outside) {
        // Backwards through an argument, inside a context: only the call that entered it.
        // Where the variable is a parameter of a function the callee is written inside (a
        // callback that reads the function's parameter), that function's activation is
        // further down: the exit pops the callee's frame and those between.
        uint32_t owner = var < frameOwner_.size() ? frameOwner_[var] : kNone;
        uint32_t callee = contexts[ctx].callee;
        if (owner != kNone && callee != owner && nestedIn(callee, owner)) {
          if (!popped) addPopExit(ctx, var);
          popped = true;
        } else {
          addMatchExit(ctx, p.from, p.call);
        }
      } else {
        push(ctx, p.from, current);  // within the context (outside one: any caller)
      }
    }
  }
  if (memo && !found)  // searched to the end: none of the variables met outside reaches it
    for (uint64_t key : seen)
      if ((key >> 32) == kOutside) realizableKnown_[static_cast<VarId>(key)] |= uint16_t{bit} << 8;
  return found;
}

uint32_t FlowSolver::summarisedSinkReaching(VarId v) const {
  if (summarisedSinks_.empty() || v == kNoVar) return kNone;
  if (sinkReach_.empty()) {
    // One forward walk from every summarised sink along value edges (a callee moves by
    // value) and between merged variables: linear in the graph, then each call is a lookup.
    sinkReach_.assign(vars_.size(), kNone);
    std::vector<uint32_t> linkStart(vars_.size() + 1, 0);
    for (auto [member, rep] : merged_) ++linkStart[member + 1], ++linkStart[rep + 1];
    for (size_t i = 1; i < linkStart.size(); ++i) linkStart[i] += linkStart[i - 1];
    std::vector<VarId> links(linkStart.back());
    std::vector<uint32_t> fill(linkStart.begin(), linkStart.end() - 1);
    for (auto [member, rep] : merged_) links[fill[member]++] = rep, links[fill[rep]++] = member;
    std::vector<VarId> work;
    auto visit = [&](VarId x, uint32_t token) {
      if (x >= sinkReach_.size() || sinkReach_[x] != kNone) return;
      sinkReach_[x] = token;
      work.push_back(x);
    };
    for (auto [var, token] : summarisedSinks_) visit(var, token);
    for (size_t head = 0; head < work.size(); ++head) {
      VarId u = work[head];
      uint32_t token = sinkReach_[u];
      if (u < succ_.size())
        for (const Edge& e : succ_[u])
          if (e.kind == EdgeKind::Value) visit(e.to, token);
      for (uint32_t k = linkStart[u]; k < linkStart[u + 1]; ++k) visit(links[k], token);
    }
  }
  uint32_t at = v < sinkReach_.size() ? sinkReach_[v] : kNone;
  if (at == kNone && find(v) < sinkReach_.size()) at = sinkReach_[find(v)];
  return at;
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
    return existingLibraryChild(t, name, kNone);
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
    for (uint32_t t : vars_[find(a)].tokens) existingFieldVars(t, "[]", bases);
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
        existingFieldVars(t, f, next);
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
