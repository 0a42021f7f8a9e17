// Prototype chains the code sets by hand (see solver.h, InheritC): an ES5 constructor's
// instances inherit from whatever `F.prototype` holds, `util.inherits(C, P)` and
// `Object.setPrototypeOf(o, p)` make one object inherit from another, and `Object.create(p)`
// makes a new one that does. Classes use ExtendsC (solver_calls.cpp).
#include "flow/solver.h"

namespace fe {

namespace {
bool inherits(TokenKind k) {
  return k == TokenKind::Object || k == TokenKind::Instance || k == TokenKind::Function ||
         k == TokenKind::Class;
}
}  // namespace

void FlowSolver::addInherit(VarId from, VarId to, uint32_t toToken) {
  inherits_.push_back({from, to, toToken});
  uint32_t id = static_cast<uint32_t>(inherits_.size() - 1);
  watch(from, WatchKind::Inherit, id);
  if (to != kNoVar) watch(to, WatchKind::Inherit, id);
  evalInherit(id);
}

void FlowSolver::evalInherit(uint32_t id) {
  const InheritC in = inherits_[id];
  SmallIdVector targets;
  if (in.toToken != kNone)
    targets.push_back(in.toToken);
  else
    targets = SmallIdVector(vars_[find(in.to)].tokens);
  SmallIdVector prototypes(vars_[find(in.from)].tokens);
  for (uint32_t t : targets)
    for (uint32_t p : prototypes) {
      if (!spend(1)) return;
      inheritFrom(t, p);
    }
}

// `token` falls back to `prototype` for the fields it lacks: the fields it has now are
// linked here, the ones made later when they are (FlowSolver::field).
void FlowSolver::inheritFrom(uint32_t token, uint32_t prototype) {
  if (token == prototype || !inherits(tokens_[token].kind) || !inherits(tokens_[prototype].kind))
    return;
  auto& fb = tokens_[token].fallbacks;
  if (std::find(fb.begin(), fb.end(), prototype) != fb.end()) return;
  fb.push_back(prototype);
  for (auto [name, fv] : fieldList(token))
    if (!overridden(token, *name)) addEdge(field(prototype, *name), fv, EdgeKind::Value);
}

void FlowSolver::applyInherit(uint32_t callId, const Flow& flow, VarId from, uint32_t calleeToken) {
  const CallFact& c = program_.call(callId);
  if (flow.to.base == ValueRef::Base::Return) {
    // Object.create(p): one new object per call, which inherits from p.
    if (c.result == kNoVar) return;
    auto [it, fresh] = createdObject_.emplace(callId, kNone);
    if (fresh) {
      uint32_t file = program_.fileOfCall(callId);
      it->second = allocToken(TokenKind::Object, kNone, file, c.site);
      addToken(program_.varBase[file] + c.result, it->second);
      addInherit(from, kNoVar, it->second);
    }
    return;
  }
  VarId to = refVar(flow.to, callId, calleeToken, false);
  if (to != kNoVar) addInherit(from, to, kNone);
}

}  // namespace fe
